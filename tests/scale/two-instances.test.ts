import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStore, type Store } from '../../src/storage/create-store.js'
import { startFakeBotApi, type FakeBotApi } from '../helpers/fake-bot-api.js'
import { messageUpdate } from '../helpers/updates.js'
import { startInstance, type Instance } from './instances.js'
import { deletePrefix, redisUrl, scaleRedis, waitFor, warnIfNoRedis } from './redis-helpers.js'
import { seedDueSubscribers, subscriberStore } from './subscribers.js'

warnIfNoRedis('two-instance scale tests')

const SUBSCRIBERS = Array.from({ length: 12 }, (_, i) => 8_100 + i)

describe.skipIf(!redisUrl)('two bot processes on one Redis', () => {
  let api: FakeBotApi
  let store: Store
  let url: string
  let prefix: string
  const instances: Instance[] = []

  beforeAll(async () => {
    ({ url, prefix } = scaleRedis(13))
    api = await startFakeBotApi({ rateLimits: { globalPerSecond: 30, perChatPerSecond: 1 } })
    store = await createStore(url, { keyPrefix: prefix })
    await seedDueSubscribers(store, SUBSCRIBERS)
    const env = { TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, STORAGE_URL: url, REDIS_PREFIX: prefix }
    instances.push(...await Promise.all([startInstance(env), startInstance(env)]))
  }, 60_000)

  afterAll(async () => {
    const codes = await Promise.all(instances.map((i) => i.stop()))
    await store?.close()
    await api?.close()
    if (url) await deletePrefix(url, prefix)
    expect(codes.every((c) => c === 0)).toBe(true)
  }, 30_000)

  it('sends each subscriber exactly one digest, given one digest slot and two instances ticking', async () => {
    const subscribers = subscriberStore(store)
    // Done when every digest is recorded as delivered (the subscriber moves on to tomorrow).
    await waitFor(async () => (await subscribers.getMany(SUBSCRIBERS)).every((s) => s?.lastDigestAt !== undefined && !s.pending), 20_000, 'every digest to be delivered')
    for (const chat of SUBSCRIBERS) {
      const texts = api.textsTo(chat)
      expect(texts.length, `chat ${chat}`).toBeGreaterThan(0)
      // A digest may span parts; each part arrives once.
      expect(new Set(texts).size, `chat ${chat}`).toBe(texts.length)
    }
    const perChat = SUBSCRIBERS.map((chat) => api.textsTo(chat).length)
    expect(new Set(perChat).size).toBe(1)
    expect(api.rateLimitViolations).toBe(0)
    // One instance ticks per minute (a run straddling a minute boundary may see a second, empty-handed tick).
    const tickMinutes = instances.flatMap((i) => i.lines().filter((l) => l.msg === 'digest tick').map((l) => Math.floor(Number(l.time) / 60_000)))
    expect(tickMinutes.length).toBeGreaterThan(0)
    expect(new Set(tickMinutes).size).toBe(tickMinutes.length)
  })

  it('answers each webhook update once, given updates spread over both instances and every one posted to both', async () => {
    const chats = Array.from({ length: 20 }, (_, i) => 8_300 + i)
    const updates = chats.map((chatId) => messageUpdate({ text: '/latest 1', chatId }))
    // Replies count against the fake's 30/s too: let the digests' window pass first.
    await waitFor(() => performance.now() - Math.max(0, ...api.sent().map((c) => c.at)) > 1000, 5000, 'a quiet second')
    const statuses = (await Promise.all(updates.map(async (update, i) => [
      await instances[i % 2]!.post(update),
      // Telegram's retry of the same update, landing on the other instance.
      await instances[(i + 1) % 2]!.post(update),
    ]))).flat()
    expect(new Set(statuses)).toEqual(new Set([200]))
    await waitFor(() => chats.every((chat) => api.textsTo(chat).length > 0), 10_000, 'every answer')
    for (const chat of chats) expect(api.textsTo(chat), `chat ${chat}`).toHaveLength(1)
    const handled = await Promise.all(instances.map((i) => i.metric('khulasa_updates_handled_total')))
    expect(handled.reduce((a, b) => a + b, 0)).toBe(20)
    expect(handled).toEqual([10, 10])
    const health = await Promise.all(instances.map(async (i) => (await fetch(`http://127.0.0.1:${i.port}/healthz`)).json()))
    expect(health).toEqual([{ ok: true, store: 'ok', queue: 'ok' }, { ok: true, store: 'ok', queue: 'ok' }])
  })
})
