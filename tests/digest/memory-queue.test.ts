import { Telegram } from 'telegraf'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMemoryQueue, type MemoryQueueOptions } from '../../src/digest/memory-queue.js'
import type { Deliver, DeliveryJournal, OutboundMessage, Outcome } from '../../src/digest/outbound.js'
import { createSentLog } from '../../src/digest/sent-log.js'
import { createLogger } from '../../src/logger.js'
import { createStore, type Store } from '../../src/storage/create-store.js'
import { telegramDeliver } from '../../src/telegram/deliver.js'
import { startFakeBotApi, type FakeBotApi } from '../helpers/fake-bot-api.js'
import { createManualClock } from '../../src/clock.js'

const clock = createManualClock('2026-11-29T08:00:00Z')

let api: FakeBotApi
let store: Store
beforeEach(async () => {
  api = await startFakeBotApi({ rateLimits: { globalPerSecond: 20 } })
  store = await createStore('memory://')
})
afterEach(async () => {
  await store.close()
  await api.close()
})

const message = (chatId: number, parts = 1, date = '2026-11-29'): OutboundMessage => ({
  id: `digest:${date}:${chatId}`,
  chatId,
  parts: Array.from({ length: parts }, (_, i) => ({ text: `<b>نشرة ${chatId}</b> جزء ${i + 1}`, parseMode: 'HTML' as const })),
})

function queue(options: Partial<MemoryQueueOptions> = {}) {
  const settled: [string, Outcome][] = []
  const q = createMemoryQueue({
    deliver: telegramDeliver(new Telegram(api.token, { apiRoot: api.apiRoot })),
    journal: createSentLog(store, clock),
    perSecond: 20,
    retryBaseMs: 10,
    maxRetries: 3,
    // Telegram's one message a second per chat is tested once below; elsewhere it would only slow the tests.
    perChatIntervalMs: 50,
    coldStart: false,
    logger: createLogger({ level: 'silent' }),
    onSettled: (m, outcome) => void settled.push([m.id, outcome]),
    ...options,
  })
  return { q, settled }
}

const sentTexts = () => api.sent().map((c) => `${c.payload.chat_id}|${c.payload.text}`)

describe('createMemoryQueue', () => {
  it('sends every part once, in order, a second apart per chat, within the sliding-window limit', async () => {
    api.setRateLimits({ globalPerSecond: 20, perChatPerSecond: 1 })
    const { q, settled } = queue({ perChatIntervalMs: 1000 })
    const started = performance.now()
    await q.enqueue([message(1, 2), ...Array.from({ length: 24 }, (_, i) => message(100 + i))])
    await q.drain()
    expect(api.sent()).toHaveLength(26)
    expect(api.rateLimitViolations).toBe(0)
    expect(new Set(sentTexts()).size).toBe(26)
    const [first, second] = api.sent().filter((c) => c.payload.chat_id === 1)
    expect(first!.payload.text).toContain('جزء 1')
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(1000)
    expect(performance.now() - started).toBeGreaterThan(1000)
    expect(settled.every(([, o]) => o === 'sent')).toBe(true)
    expect(q.stats()).toMatchObject({ sent: 26, delivered: 25 })
  })

  it('waits retry_after and sends the same part again, given a 429', async () => {
    api.failNext('sendMessage', api.tooManyRequests(1))
    const { q, settled } = queue()
    await q.enqueue([message(7)])
    await q.drain()
    const calls = api.callsTo('sendMessage')
    expect(calls.map((c) => c.ok)).toEqual([false, true])
    expect(calls[1]!.payload.text).toBe(calls[0]!.payload.text)
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1000)
    expect(settled).toEqual([['digest:2026-11-29:7', 'sent']])
    expect(q.stats().failures.rateLimited).toBe(1)
  })

  it('settles as blocked after one try, given a chat that blocked the bot (403)', async () => {
    api.blockChat(8)
    const { q, settled } = queue()
    await q.enqueue([message(8, 2), message(9)])
    await q.drain()
    expect(api.callsTo('sendMessage').filter((c) => c.payload.chat_id === 8)).toHaveLength(1)
    expect(settled).toContainEqual(['digest:2026-11-29:8', 'blocked'])
    expect(settled).toContainEqual(['digest:2026-11-29:9', 'sent'])
    expect((await createSentLog(store, clock).getMany(['digest:2026-11-29:8']))[0]!.state).toBe('blocked')
  })

  it('skips a part Telegram refuses (400) without retrying and still sends the rest', async () => {
    const bad: OutboundMessage = { id: 'digest:2026-11-29:10', chatId: 10, parts: [{ text: '<b>غير مغلق', parseMode: 'HTML' }, { text: 'سليم' }] }
    const { q, settled } = queue()
    await q.enqueue([bad])
    await q.drain()
    expect(api.callsTo('sendMessage').map((c) => c.errorCode ?? 200)).toEqual([400, 200])
    expect(settled).toEqual([['digest:2026-11-29:10', 'sent']])
    expect(q.stats().failures.badRequest).toBe(1)
  })

  it('retries with backoff and then sends, given two 5xx answers', async () => {
    api.failNext('sendMessage', api.serverError(), 2)
    const { q, settled } = queue()
    await q.enqueue([message(11)])
    await q.drain()
    expect(api.callsTo('sendMessage').map((c) => c.ok)).toEqual([false, false, true])
    expect(settled).toEqual([['digest:2026-11-29:11', 'sent']])
    expect(q.stats().failures.transient).toBe(2)
  })

  it('gives up after the retry limit, given a server that keeps failing', async () => {
    api.failNext('sendMessage', api.serverError(), 10)
    const { q, settled } = queue({ maxRetries: 2 })
    await q.enqueue([message(12)])
    await q.drain()
    expect(api.callsTo('sendMessage')).toHaveLength(3)
    expect(settled).toEqual([['digest:2026-11-29:12', 'failed']])
    expect(q.stats().failures.gaveUp).toBe(1)
  })

  it('resumes after a restart without repeating or losing a part, given a stop in the middle of a run', async () => {
    const run = [message(20, 2), ...Array.from({ length: 30 }, (_, i) => message(200 + i))]
    const first = queue()
    await first.q.enqueue(run)
    await api.waitForCalls('sendMessage', 12)
    await first.q.close()
    const before = api.sent().length
    expect(before).toBeLessThan(32)
    // A restarted queue first waits out the window its predecessor may have filled.
    const second = queue({ coldStart: true })
    await second.q.enqueue(run)
    await second.q.drain()
    expect(api.sent()).toHaveLength(32)
    expect(new Set(sentTexts()).size).toBe(32)
    expect(api.rateLimitViolations).toBe(0)
    expect([...first.settled, ...second.settled].filter(([, o]) => o === 'sent')).toHaveLength(31)
    expect(second.settled.filter(([, o]) => o === 'duplicate')).toHaveLength(first.settled.length)
  })

  it('settles a message already delivered before a restart as a duplicate without sending it', async () => {
    const { q } = queue()
    await q.enqueue([message(30)])
    await q.drain()
    const again = queue()
    await again.q.enqueue([message(30)])
    await again.q.drain()
    expect(api.sent()).toHaveLength(1)
    expect(again.settled).toEqual([['digest:2026-11-29:30', 'duplicate']])
  })

  it('does not send again a part left in flight by a crash, and settles the message in doubt after the rest', async () => {
    await createSentLog(store, clock).set('digest:2026-11-29:31', { parts: 3, done: 1, inFlight: 1, state: 'sending', at: '' })
    const { q, settled } = queue()
    await q.enqueue([message(31, 3)])
    await q.drain()
    expect(api.sent().map((c) => c.payload.text)).toEqual(['<b>نشرة 31</b> جزء 3'])
    expect(settled).toEqual([['digest:2026-11-29:31', 'inDoubt']])
    expect(q.stats().inDoubt).toBe(1)
    expect((await createSentLog(store, clock).getMany(['digest:2026-11-29:31']))[0]).toMatchObject({ state: 'sent', done: 3, inDoubt: [1] })
  })

  it('stores each part\'s in-flight mark before its request leaves, with the journal written in batches', async () => {
    const journal = createSentLog(store, clock)
    let batches = 0
    let written = 0
    const counted: DeliveryJournal = { ...journal, setMany: async (entries) => { batches++; written += entries.length; await journal.setMany(entries) } }
    const marked: (number | undefined)[] = []
    const send = telegramDeliver(new Telegram(api.token, { apiRoot: api.apiRoot }))
    const deliver: Deliver = async (chatId, part) => {
      const [entry] = await journal.getMany([`digest:2026-11-29:${chatId}`])
      marked.push(entry?.inFlight)
      return send(chatId, part)
    }
    const { q, settled } = queue({ deliver, journal: counted, journalWindowMs: 200 })
    await q.enqueue([message(40, 2), ...Array.from({ length: 12 }, (_, i) => message(400 + i))])
    await q.drain()
    // Every request found its own part marked in flight: part 0 for each message, then part 1 of the two-part one.
    expect(marked.sort()).toEqual([...Array.from({ length: 13 }, () => 0), 1])
    expect(new Set(sentTexts()).size).toBe(14)
    expect(settled.every(([, o]) => o === 'sent')).toBe(true)
    // Two entries per part (mark, then confirmation) and one between the parts of message 40, in fewer writes.
    expect(written).toBeGreaterThan(0)
    expect(batches).toBeLessThan(written)
    expect((await journal.getMany(['digest:2026-11-29:40']))[0]).toMatchObject({ state: 'sent', done: 2 })
  })

  it('never sends a part twice after a crash that lost batches not yet stored: unconfirmed answers are in doubt, unmarked parts go after the restart', async () => {
    const journal = createSentLog(store, clock)
    // The process "dies" after the fourth answer: no write from then on reaches the store.
    let dead = false
    const dying: DeliveryJournal = { ...journal, setMany: (entries) => (dead ? new Promise(() => {}) : journal.setMany(entries)) }
    const send = telegramDeliver(new Telegram(api.token, { apiRoot: api.apiRoot }))
    let answers = 0
    const deliver: Deliver = async (chatId, part) => {
      const result = await send(chatId, part)
      if (++answers === 4) dead = true
      return result
    }
    const run = [message(50, 2), ...Array.from({ length: 10 }, (_, i) => message(500 + i))]
    const first = queue({ deliver, journal: dying, journalWindowMs: 20 })
    await first.q.enqueue(run)
    await api.waitForCalls('sendMessage', 4)

    const second = queue({ coldStart: false })
    await second.q.enqueue(run)
    await second.q.drain()
    // No part reached its chat twice, and every part reached it: the ones in doubt had gone before the crash.
    expect(new Set(sentTexts()).size).toBe(api.sent().length)
    expect(api.sent()).toHaveLength(run.reduce((n, m) => n + m.parts.length, 0))
    // At least the fourth answer's confirmation was lost with the batch it waited for: that part is in doubt.
    const inDoubt = second.settled.filter(([, o]) => o === 'inDoubt')
    expect(inDoubt.length).toBeGreaterThan(0)
    expect(second.q.stats().inDoubt).toBe(inDoubt.length)
    expect(second.settled.every(([, o]) => ['sent', 'duplicate', 'inDoubt'].includes(o))).toBe(true)
    expect(second.settled).toHaveLength(run.length)
  })

  it('settles messages found finished at enqueue together, given an onSettled that saves in groups (as the digests do)', async () => {
    const journal = createSentLog(store, clock)
    const ids = Array.from({ length: 6 }, (_, i) => message(600 + i))
    // Three delivered before a restart, three left with their only part in flight (in doubt).
    for (const [i, m] of ids.entries()) await journal.set(m.id, i < 3 ? { parts: 1, done: 1, state: 'sent' } : { parts: 1, done: 0, inFlight: 0, state: 'sending' })
    // Like digests.settled: each call resolves only once the group it joined is saved, here when all six have come.
    const waiting: (() => void)[] = []
    const onSettled = () => new Promise<void>((resolve) => {
      waiting.push(resolve)
      if (waiting.length === ids.length) for (const release of waiting) release()
    })
    const { q } = queue({ onSettled })
    await q.enqueue(ids)
    await q.drain()
    expect(waiting).toHaveLength(6)
    expect(api.sent()).toHaveLength(0)
    expect(q.stats().inDoubt).toBe(3)
  })
})
