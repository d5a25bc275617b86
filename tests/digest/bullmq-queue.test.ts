import { afterEach, describe, expect, it } from 'vitest'
import { Telegram } from 'telegraf'
import { createBullQueue, type BullQueue } from '../../src/digest/bullmq-queue.js'
import type { OutboundMessage, Outcome } from '../../src/digest/outbound.js'
import { createSentLog } from '../../src/digest/sent-log.js'
import { createLogger } from '../../src/logger.js'
import { createStore, type Store } from '../../src/storage/create-store.js'
import { connectRedis } from '../../src/storage/redis-connection.js'
import { telegramDeliver } from '../../src/telegram/deliver.js'
import { startFakeBotApi, type FakeBotApi } from '../helpers/fake-bot-api.js'
import { deletePrefix, redisUrl, scaleRedis, waitFor, warnIfNoRedis } from '../scale/redis-helpers.js'
import { createManualClock } from '../../src/clock.js'

const clock = createManualClock('2026-11-29T08:00:00Z')

warnIfNoRedis('BullMQ outbound queue tests')

const logger = createLogger({ level: 'silent' })
const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** One "instance": its own store, Redis connection, queue and worker, as a separate process would have. */
async function instance(api: FakeBotApi, url: string, prefix: string, perSecond: number, settled: [string, Outcome][], perChatIntervalMs = 1000) {
  const store: Store = await createStore(url)
  const redis = await connectRedis(url, { name: 'test' })
  const queue: BullQueue = createBullQueue({
    redis,
    redisUrl: url,
    prefix,
    deliver: telegramDeliver(new Telegram(api.token, { apiRoot: api.apiRoot })),
    journal: createSentLog(store, clock),
    perSecond,
    perChatIntervalMs,
    retryBaseMs: 50,
    pollMs: 50,
    onSettled: (message, outcome) => void settled.push([message.id, outcome]),
    logger,
  })
  cleanups.push(async () => {
    await queue.close()
    redis.disconnect()
    await store.close()
  })
  return { queue, store }
}

function messages(run: string, chats: number[], parts = 1): OutboundMessage[] {
  return chats.map((chatId) => ({
    id: `digest:${run}:${chatId}`,
    chatId,
    parts: Array.from({ length: parts }, (_, i) => ({ text: `موجز ${chatId} جزء ${i + 1}` })),
  }))
}

/** A fake Bot API and a private Redis prefix, both removed after the test. */
async function setup(options?: Parameters<typeof startFakeBotApi>[0]) {
  const api = await startFakeBotApi(options)
  cleanups.push(() => api.close())
  const { url, prefix } = scaleRedis()
  cleanups.push(() => deletePrefix(url, prefix))
  return { api, url, prefix }
}

describe.skipIf(!redisUrl)('createBullQueue', () => {
  it('delivers each message once and in order, given two instances enqueueing the same digests', async () => {
    const { api, url, prefix } = await setup({ rateLimits: { globalPerSecond: 30, perChatPerSecond: 1 } })
    const settledA: [string, Outcome][] = []
    const settledB: [string, Outcome][] = []
    const a = await instance(api, url, prefix, 30, settledA)
    const b = await instance(api, url, prefix, 30, settledB)
    const chats = Array.from({ length: 20 }, (_, i) => 7_100 + i)
    const batch = messages(prefix, chats, 2)
    cleanups.push(() => a.store.ns('sent').deleteMany(batch.map((m) => m.id)))
    await Promise.all([a.queue.enqueue(batch), b.queue.enqueue(batch)])
    await Promise.all([a.queue.drain(), b.queue.drain()])

    for (const chat of chats) expect(api.textsTo(chat)).toEqual([`موجز ${chat} جزء 1`, `موجز ${chat} جزء 2`])
    expect(api.rateLimitViolations).toBe(0)
    expect(settledA.map(([id]) => id).sort()).toEqual(batch.map((m) => m.id).sort())
    expect(new Set(settledA.map(([, outcome]) => outcome))).toEqual(new Set(['sent']))
    expect(a.queue.stats().sent + b.queue.stats().sent).toBe(40)

    // The same ids again, after delivery: nothing is sent, each settles as a duplicate.
    const before = api.sent().length
    const again: [string, Outcome][] = []
    const c = await instance(api, url, prefix, 30, again)
    await c.queue.enqueue(batch)
    await c.queue.drain()
    expect(api.sent().length).toBe(before)
    expect(again.every(([, outcome]) => outcome === 'duplicate')).toBe(true)
    expect(again).toHaveLength(20)
  })

  it('keeps two instances together under one rate, given a 12/s limit and 30 messages', async () => {
    const { api, url, prefix } = await setup({ rateLimits: { globalPerSecond: 12 } })
    const a = await instance(api, url, prefix, 12, [])
    const b = await instance(api, url, prefix, 12, [])
    const batch = messages(prefix, Array.from({ length: 30 }, (_, i) => 7_200 + i))
    cleanups.push(() => a.store.ns('sent').deleteMany(batch.map((m) => m.id)))
    const started = performance.now()
    await a.queue.enqueue(batch.slice(0, 15))
    await b.queue.enqueue(batch.slice(15))
    await Promise.all([a.queue.drain(), b.queue.drain()])
    const seconds = (performance.now() - started) / 1000

    expect(api.sent()).toHaveLength(30)
    expect(api.rateLimitViolations).toBe(0)
    // 30 sends at 12/s in total: at least one full window after the first twelve, and a second after 24.
    expect(seconds).toBeGreaterThan(2)
    expect(a.queue.stats().sent).toBeGreaterThan(0)
    expect(b.queue.stats().sent).toBeGreaterThan(0)
  })

  it('waits out a 429, stops at a 403 and retries a 500, given one of each', async () => {
    const { api, url, prefix } = await setup()
    const settled: [string, Outcome][] = []
    const a = await instance(api, url, prefix, 30, settled)
    api.blockChat(7_302)
    api.failNext('sendMessage', api.tooManyRequests(1))
    api.failNext('sendMessage', api.serverError())
    const batch = messages(prefix, [7_300, 7_301, 7_302])
    cleanups.push(() => a.store.ns('sent').deleteMany(batch.map((m) => m.id)))
    await a.queue.enqueue(batch)
    await waitFor(() => settled.length === 3, 15_000, 'three outcomes')

    expect(Object.fromEntries(settled)).toEqual({ [batch[0]!.id]: 'sent', [batch[1]!.id]: 'sent', [batch[2]!.id]: 'blocked' })
    expect(api.textsTo(7_300)).toHaveLength(1)
    expect(api.textsTo(7_301)).toHaveLength(1)
    expect(a.queue.stats().failures).toMatchObject({ rateLimited: 1, transient: 1, blocked: 1 })
    expect(await a.store.ns('sent').get(batch[2]!.id)).toMatchObject({ state: 'blocked' })
  })

  it('never resends a part left in flight and settles in doubt, given a journal from an instance that died mid-send', async () => {
    const { api, url, prefix } = await setup()
    const settled: [string, Outcome][] = []
    const a = await instance(api, url, prefix, 30, settled)
    const [message] = messages(prefix, [7_400], 2)
    cleanups.push(() => a.store.ns('sent').delete(message!.id))
    await a.store.ns('sent').set(message!.id, { parts: 2, done: 0, inFlight: 0, state: 'sending', at: new Date().toISOString() })
    await a.queue.enqueue([message!])
    await a.queue.drain()

    expect(api.textsTo(7_400)).toEqual(['موجز 7400 جزء 2'])
    expect(settled).toEqual([[message!.id, 'inDoubt']])
    expect(a.queue.stats()).toMatchObject({ inDoubt: 1, sent: 1 })
    expect(await a.store.ns('sent').get(message!.id)).toMatchObject({ state: 'sent', done: 2, inDoubt: [0] })
  })
})
