import { describe, expect, it } from 'vitest'
import { createChatProfiles, type ChatProfile } from '../../src/profiles/chat-profiles.js'
import { knownChats } from '../../src/profiles/known-chats.js'
import { createStore, type Store } from '../../src/storage/create-store.js'

const defaults = { digestTime: '08:00', timeZone: 'Asia/Riyadh' }
const sport = { kind: 'category' as const, key: 'sport', label: 'sport' }

/** One process's profiles on a shared store, with every store read of the profiles namespace counted. */
async function instance(store: Store, cacheSize?: number) {
  const chats = knownChats(createChatProfiles({ store, defaults, cacheSize }), store)
  await chats.load()
  return chats.profiles
}

async function countedStore() {
  const store = await createStore('memory://')
  const kv = store.ns<ChatProfile>('profiles')
  const counter = { reads: 0 }
  const get = kv.get.bind(kv)
  kv.get = (async (...args: Parameters<typeof get>) => {
    counter.reads++
    return get(...args)
  }) as typeof kv.get
  return { store, counter }
}

describe('knownChats', () => {
  it('reads no store for chats that never set a profile, and once for a stored one not in memory, given a process started after one was saved', async () => {
    const { store, counter } = await countedStore()
    await (await instance(store)).update(7, 'en', { timeZone: 'Africa/Cairo' })
    const profiles = await instance(store)
    counter.reads = 0
    expect(profiles.cached(1001)).toBeNull()
    expect(await profiles.get(1001)).toBeUndefined()
    expect(await profiles.filters(1002)).toEqual({ follow: [], mute: [] })
    expect(counter.reads).toBe(0)
    expect(profiles.cached(7)).toBeUndefined()
    expect((await profiles.get(7))?.timeZone).toBe('Africa/Cairo')
    expect(counter.reads).toBe(1)
  })

  it('sees a profile another process saved after start-up once the change is announced, given a chat it had known to have none', async () => {
    const { store } = await countedStore()
    const [here, there] = [await instance(store), await instance(store)]
    expect(await here.filters(55)).toEqual({ follow: [], mute: [] })
    await there.update(55, 'ar', { filters: { follow: [sport], mute: [] } })
    // What catalogue-sync does with the change log's entry.
    here.forget([55])
    expect(await here.filters(55)).toEqual({ follow: [sport], mute: [] })
  })

  it('keeps a profile this process saved, given it pushed out of memory by other chats', async () => {
    const { store } = await countedStore()
    const profiles = await instance(store, 1)
    await profiles.update(61, 'ar', { timeZone: 'Africa/Cairo' })
    await profiles.update(62, 'ar', { timeZone: 'Europe/London' })
    expect(profiles.cached(61)).toBeUndefined()
    expect((await profiles.get(61))?.timeZone).toBe('Africa/Cairo')
  })

  it('passes every read to the store until the list is loaded, given a process still starting', async () => {
    const { store, counter } = await countedStore()
    await (await instance(store)).update(70, 'ar', { timeZone: 'Africa/Cairo' })
    const chats = knownChats(createChatProfiles({ store, defaults }), store)
    counter.reads = 0
    expect(chats.profiles.cached(71)).toBeUndefined()
    expect((await chats.profiles.get(70))?.timeZone).toBe('Africa/Cairo')
    expect(await chats.load()).toBe(1)
    expect(chats.profiles.cached(71)).toBeNull()
  })
})
