import {
  emptyFailures,
  recordAnswered,
  type DeliveryResult,
  type JournalEntry,
  type OutboundMessage,
  type OutboundQueue,
  type Outcome,
  type QueueOptions,
  type QueueStats,
  resumeEntry,
  sentOutcome,
} from './outbound.js'
import { createPacer } from './pacer.js'

export interface MemoryQueueOptions extends QueueOptions {
  maxInFlight?: number
  /** Wait one window before the first send, in case a previous process sent in the last second (default true). */
  coldStart?: boolean
  /** Monotonic milliseconds; tests may speed it up. */
  now?: () => number
}

interface Job { message: OutboundMessage, entry: JournalEntry, attempt: number, readyAt: number }

/** The single-process OutboundQueue: an in-memory FIFO paced by createPacer, progress in the journal. */
export function createMemoryQueue(options: MemoryQueueOptions): OutboundQueue {
  const { deliver, journal, perSecond, perChatIntervalMs = 1000, maxRetries = 5, retryBaseMs = 1000, logger } = options
  // Enough for a 200 ms round trip to Telegram at full rate; each one in flight is one send a crash leaves in doubt.
  const maxInFlight = options.maxInFlight ?? Math.max(4, Math.ceil(perSecond / 5))
  const now = options.now ?? (() => performance.now())
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
      // Durable before the request leaves: a restart then knows this part may have arrived.
      await journal.set(message.id, { ...entry, inFlight: part, state: 'sending' })
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
      await settlePart(job, part, result)
    }
    catch (err) {
      logger.error({ err, id: message.id }, 'could not record a delivery')
    }
    recording--
    pump()
    if (busy() === 0 && (closed || queued.size === 0)) for (const resolve of idle.splice(0)) resolve()
  }

  async function settlePart(job: Job, part: number, result: DeliveryResult) {
    const { message, entry } = job
    // No child logger per part: most parts settle without a word.
    const ids = { id: message.id, chat: message.chatId, part }
    const log = { warn: (msg: string) => logger.warn(ids, msg), info: (msg: string) => logger.info(ids, msg), error: (msg: string) => logger.error(ids, msg) }
    delete entry.inFlight
    if (result.kind === 'ok' || result.kind === 'badRequest') {
      recordAnswered(entry, part, result, stats, log.warn)
      job.attempt = 0
      if (entry.done < entry.parts) {
        await journal.set(message.id, entry)
        wait(job, now() + perChatIntervalMs)
        return
      }
      return finish(job, 'sent', sentOutcome(entry))
    }
    if (result.kind === 'retryAfter') {
      stats.failures.rateLimited++
      log.warn(`429 from Telegram: waiting ${result.seconds}s, then sending the same part again`)
      pacer.pauseUntil(now() + result.seconds * 1000)
      wait(job, now() + result.seconds * 1000)
      return
    }
    if (result.kind === 'blocked') {
      stats.failures.blocked++
      log.info(`the chat refuses messages (403: ${result.description}); subscription switched off`)
      return finish(job, 'blocked', 'blocked')
    }
    stats.failures.transient++
    job.attempt++
    if (job.attempt > maxRetries) {
      stats.failures.gaveUp++
      log.error(`gave up after ${maxRetries} retries: ${result.description}`)
      return finish(job, 'failed', 'failed')
    }
    const backoff = Math.min(60_000, retryBaseMs * 2 ** (job.attempt - 1)) * (0.8 + Math.random() * 0.4)
    log.warn(`send failed (${result.description}); retry ${job.attempt}/${maxRetries} in ${Math.round(backoff)} ms`)
    wait(job, now() + backoff)
  }

  async function finish(job: Job, state: JournalEntry['state'], outcome: Outcome) {
    const { message, entry } = job
    if (outcome === 'sent' || outcome === 'inDoubt') stats.delivered++
    await journal.set(message.id, { ...entry, state })
    queued.delete(message.id)
    await settle(message, outcome)
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
      const duplicates: OutboundMessage[] = []
      const finished: Job[] = []
      fresh.forEach((message, i) => {
        const known = entries[i]
        if (known && known.state !== 'sending') {
          queued.delete(message.id)
          duplicates.push(message)
          return
        }
        const entry: JournalEntry = known ? resumeEntry(known) : { parts: message.parts.length, done: 0, state: 'sending' }
        if (known?.inFlight !== undefined) {
          stats.inDoubt++
          logger.warn({ id: message.id, chat: message.chatId, part: known.inFlight }, 'a part was in flight when the previous run stopped; not sending it again')
        }
        const job = { message, entry, attempt: 0, readyAt: 0 }
        if (entry.done >= message.parts.length) finished.push(job)
        else ready.push(job)
      })
      for (const message of duplicates) await settle(message, 'duplicate')
      for (const job of finished) await finish(job, 'sent', sentOutcome(job.entry))
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
