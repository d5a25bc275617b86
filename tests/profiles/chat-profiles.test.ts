import { describe, expect, it } from 'vitest'
import { createChatProfiles, type ChatProfile } from '../../src/profiles/chat-profiles.js'
import { createStore, type Store } from '../../src/storage/create-store.js'

const defaults = { digestTime: '08:00', timeZone: 'Asia/Riyadh' }
const sport = { kind: 'category' as const, key: 'sport', label: 'sport' }

async function profilesOnMemory() {
  const store = await createStore('memory://')
  const announced: string[][] = []
  const profiles = createChatProfiles({ store, defaults, changes: { append: async (kind, ids) => { if (kind === 'profiles') announced.push(ids) } } })
  // Written behind the cache's back, as another process would.
  const raw = store.ns<ChatProfile>('profiles')
  return { profiles, raw, announced }
}

describe('createChatProfiles', () => {
  it('creates a profile from the defaults in the chat\'s language and announces it, given a first /follow', async () => {
    const { profiles, announced } = await profilesOnMemory()
    const saved = await profiles.update(41, 'en', { filters: { follow: [sport], mute: [] } })
    expect(saved).toEqual({ chatId: 41, languageCode: 'en', ...defaults, filters: { follow: [sport], mute: [] } })
    expect(await profiles.filters(41)).toEqual({ follow: [sport], mute: [] })
    expect(announced).toEqual([['41']])
  })

  it('writes and announces nothing, given a change that changes nothing', async () => {
    const { profiles, announced } = await profilesOnMemory()
    await profiles.update(42, 'ar', { timeZone: 'Africa/Cairo' })
    await profiles.update(42, 'ar', { timeZone: 'Africa/Cairo' })
    expect(announced).toEqual([['42']])
  })

  it('answers a known chat from memory, and reads the store again once told the profile changed elsewhere', async () => {
    const { profiles, raw } = await profilesOnMemory()
    await profiles.update(43, 'ar', { timeZone: 'Africa/Cairo' })
    await raw.set('43', { chatId: 43, languageCode: 'ar', digestTime: '08:00', timeZone: 'Europe/Paris' })
    expect(profiles.cached(43)?.timeZone).toBe('Africa/Cairo')
    expect((await profiles.get(43))?.timeZone).toBe('Africa/Cairo')
    profiles.forget([43])
    expect(profiles.cached(43)).toBeUndefined()
    expect((await profiles.get(43))?.timeZone).toBe('Europe/Paris')
  })

  it('remembers that a chat has no profile, so the next read of it reads no store', async () => {
    const { profiles, raw } = await profilesOnMemory()
    expect(await profiles.get(44)).toBeUndefined()
    expect(profiles.cached(44)).toBeNull()
    await raw.set('44', { chatId: 44, languageCode: 'ar', ...defaults, filters: { follow: [sport], mute: [] } })
    expect(await profiles.filters(44)).toEqual({ follow: [], mute: [] })
    profiles.forget([44])
    expect(await profiles.filters(44)).toEqual({ follow: [sport], mute: [] })
  })

  it('reads many from memory and the store without keeping the store\'s, given a digest batch', async () => {
    const { profiles, raw } = await profilesOnMemory()
    await profiles.update(45, 'en', {})
    await raw.set('46', { chatId: 46, languageCode: 'ar', ...defaults })
    expect((await profiles.getMany([46, 45, 47])).map((p) => p?.languageCode)).toEqual(['ar', 'en', undefined])
    expect(profiles.cached(46)).toBeUndefined()
    expect(profiles.cached(47)).toBeUndefined()
  })

  it('keeps the oldest out of memory past its size, and reads it back', async () => {
    const store = await createStore('memory://')
    const profiles = createChatProfiles({ store, defaults, cacheSize: 2 })
    for (const chatId of [1, 2, 3]) await profiles.update(chatId, 'ar', {})
    expect([1, 2, 3].map((id) => profiles.cached(id)?.chatId)).toEqual([undefined, 2, 3])
    expect((await profiles.get(1))?.chatId).toBe(1)
  })

  it('adopts a migrated profile only where the chat has none, and announces those', async () => {
    const { profiles, announced } = await profilesOnMemory()
    await profiles.update(48, 'en', { timeZone: 'Europe/London' })
    expect(await profiles.get(49)).toBeUndefined()
    announced.length = 0
    await profiles.adopt([{ chatId: 48, languageCode: 'ar', ...defaults }, { chatId: 49, languageCode: 'ar', ...defaults, filters: { follow: [], mute: [sport] } }])
    expect(await profiles.get(48)).toMatchObject({ languageCode: 'en', timeZone: 'Europe/London' })
    // 49 was remembered as having no profile: adopting it drops that.
    expect(await profiles.filters(49)).toEqual({ follow: [], mute: [sport] })
    expect(announced).toEqual([['49']])
  })
})

/** One process's profiles on a shared store, with every store read of the profiles namespace counted. */
async function instance(store: Store, cacheSize?: number) {
  const profiles = createChatProfiles({ store, defaults, cacheSize })
  await profiles.load()
  return profiles
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

describe('createChatProfiles, chats without a profile', () => {
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
    const profiles = createChatProfiles({ store, defaults })
    counter.reads = 0
    expect(profiles.cached(71)).toBeUndefined()
    expect((await profiles.get(70))?.timeZone).toBe('Africa/Cairo')
    expect(await profiles.load()).toBe(1)
    expect(profiles.cached(71)).toBeNull()
  })
})
