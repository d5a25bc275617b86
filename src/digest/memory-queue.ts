import { count, marking, next, resume, type Step } from './delivery-step.js'
import {
  emptyFailures,
  type DeliveryResult,
  type JournalEntry,
  type OutboundMessage,
  type OutboundQueue,
  type Outcome,
  type QueueOptions,
  type QueueStats,
} from './outbound.js'
import { createJournalWriter } from './journal-writer.js'
import { createPacer } from './pacer.js'

export interface MemoryQueueOptions extends QueueOptions {
  maxInFlight?: number
  /** Wait one window before the first send, in case a previous process sent in the last second (default true). */
  coldStart?: boolean
  /** Monotonic milliseconds; tests may speed it up. */
  now?: () => number
  /** Journal writes within this many ms go as one batch (default 5; see createJournalWriter). */
  journalWindowMs?: number
}

interface Job { message: OutboundMessage, entry: JournalEntry, attempt: number, readyAt: number }

/** The single-process OutboundQueue: an in-memory FIFO paced by createPacer, progress in the journal. */
export function createMemoryQueue(options: MemoryQueueOptions): OutboundQueue {
  const { deliver, journal, perSecond, perChatIntervalMs = 1000, maxRetries = 5, retryBaseMs = 1000, logger } = options
  const policy = { perChatIntervalMs, maxRetries, retryBaseMs }
  // Enough for a 200 ms round trip to Telegram at full rate; each one in flight is one send a crash leaves in doubt.
  const maxInFlight = options.maxInFlight ?? Math.max(4, Math.ceil(perSecond / 5))
  const now = options.now ?? (() => performance.now())
  const writer = createJournalWriter(journal, { windowMs: options.journalWindowMs ?? 5 })
  const pacer = createPacer({ perSecond, perChatIntervalMs, ...(options.coldStart === false ? {} : { assumeFullAt: now() }) })
  const ready: Job[] = []
  let head = 0
  // Jobs that must wait (next part, backoff, busy chat), kept sorted by readyAt.
  const waiting: Job[] = []
  const queued = new Set<string>()
  const stats: QueueStats = { sent: 0, delivered: 0, failures: emptyFailures(), inDoubt: 0 }
  const idle: (() => void)[] = []
  let inFlight = 0
  // Answered sends whose outcome is still being written to the journal.
  let recording = 0
  const busy = () => inFlight + recording
  let timer: NodeJS.Timeout | undefined
  let closed = false

  function wait(job: Job, at: number) {
    job.readyAt = at
    let lo = 0
    let hi = waiting.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (waiting[mid]!.readyAt <= at) lo = mid + 1
      else hi = mid
    }
    waiting.splice(lo, 0, job)
  }

  function pump() {
    if (timer) clearTimeout(timer)
    timer = undefined
    if (closed) return
    let wakeAt = Infinity
    while (inFlight < maxInFlight) {
      const t = now()
      const fromWaiting = waiting.length > 0 && waiting[0]!.readyAt <= t
      const job = fromWaiting ? waiting[0] : ready[head]
      if (!job) break
      const chat = String(job.message.chatId)
      const chatWait = pacer.chatWait(chat, t)
      if (chatWait > 0) {
        if (fromWaiting) waiting.shift()
        else head++
        wait(job, t + (chatWait === Infinity ? perChatIntervalMs : chatWait))
        continue
      }
      const reservation = pacer.reserve(chat, t)
      if (!('slot' in reservation)) {
        if ('waitMs' in reservation) wakeAt = t + reservation.waitMs
        break
      }
      if (fromWaiting) waiting.shift()
      else head++
      void send(job, reservation.slot)
    }
    if (head > 1024 && head * 2 > ready.length) {
      ready.splice(0, head)
      head = 0
    }
    if (waiting.length > 0) wakeAt = Math.min(wakeAt, waiting[0]!.readyAt)
    if (wakeAt !== Infinity) timer = setTimeout(pump, Math.max(0, Math.ceil(wakeAt - now())))
  }

  async function send(job: Job, slot: { done(at: number): void }) {
    inFlight++
    const { message, entry } = job
    const part = entry.done
    let result: DeliveryResult
    try {
      await writer.write(message.id, marking(entry, part))
      result = await deliver(message.chatId, message.parts[part]!)
    }
    catch (err) {
      result = { kind: 'transient', description: (err as Error).message }
    }
    slot.done(now())
    // Answered: the next send may start while this one is recorded.
    inFlight--
    recording++
    pump()
    try {
      await apply(job, next(entry, part, result, job.attempt, policy), part)
    }
    catch (err) {
      logger.error({ err, id: message.id }, 'could not record a delivery')
    }
    recording--
    pump()
    if (busy() === 0 && (closed || queued.size === 0)) for (const resolve of idle.splice(0)) resolve()
  }

  /** Carries out one step of the shared state machine: count, journal, then wait, retry or settle. */
  async function apply(job: Job, step: Step, part?: number) {
    const { message } = job
    count(stats, step.counts)
    // No child logger per part: most parts settle without a word.
    if (step.note) logger[step.counts.failures?.includes('gaveUp') ? 'error' : 'warn']({ id: message.id, chat: message.chatId, part }, step.note)
    job.entry = step.entry
    const { action } = step
    if (action.kind === 'settle') {
      if (action.outcome !== 'duplicate') await writer.write(message.id, step.entry)
      queued.delete(message.id)
      return settle(message, action.outcome)
    }
    if (action.kind === 'send') {
      job.attempt = 0
      if (action.delayMs === 0) return void ready.push(job)
      await writer.write(message.id, step.entry)
      return wait(job, now() + action.delayMs)
    }
    job.attempt = action.pauseAll ? job.attempt : job.attempt + 1
    if (action.pauseAll) pacer.pauseUntil(now() + action.delayMs)
    // Jitter spreads the retries of many chats that failed together.
    wait(job, now() + (action.pauseAll ? action.delayMs : action.delayMs * (0.8 + Math.random() * 0.4)))
  }

  async function settle(message: OutboundMessage, outcome: Outcome) {
    try {
      await options.onSettled?.(message, outcome)
    }
    catch (err) {
      logger.error({ err, id: message.id }, 'onSettled failed')
    }
  }

  return {
    async enqueue(messages) {
      const fresh = messages.filter((m) => !queued.has(m.id) && m.parts.length > 0)
      for (const m of fresh) queued.add(m.id)
      const entries = await journal.getMany(fresh.map((m) => m.id))
      // All at once: the journal writes of messages that settle here (in doubt, finished) go as one batch.
      await Promise.all(fresh.map((message, i) => apply({ message, entry: { parts: message.parts.length, done: 0, state: 'sending' }, attempt: 0, readyAt: 0 }, resume(entries[i], message.parts.length))))
      pump()
      if (queued.size === 0 && busy() === 0) for (const resolve of idle.splice(0)) resolve()
    },
    drain() {
      if (queued.size === 0 && busy() === 0) return Promise.resolve()
      return new Promise((resolve) => idle.push(resolve))
    },
    depth: () => queued.size,
    stats: () => ({ ...stats, failures: { ...stats.failures } }),
    async close() {
      closed = true
      if (timer) clearTimeout(timer)
      if (busy() > 0) await new Promise<void>((resolve) => idle.push(resolve))
      for (const resolve of idle.splice(0)) resolve()
    },
  }
}
