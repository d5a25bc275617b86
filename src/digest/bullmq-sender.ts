import type { Job } from 'bullmq'
import type { Logger } from '../logger.js'
import { count, marking, next, resume } from './delivery-step.js'
import type { Deliver, DeliveryJournal, DeliveryResult, JournalEntry, OutboundMessage, QueueStats } from './outbound.js'
import type { SharedLimiter } from './redis-limiter.js'

export interface JobSenderOptions {
  deliver: Deliver
  journal: DeliveryJournal
  limiter: SharedLimiter
  perChatIntervalMs: number
  maxRetries: number
  /** How long a Redis outage is waited out inside one send before the job is handed back to BullMQ. */
  outageMs: number
  /** Counters of this process, updated in place. */
  stats: QueueStats
  logger: Logger
}

/**
 * The BullMQ processor: sends one message's parts in order through the shared limiter, keeping the
 * journal exactly as the in-process queue does, so any instance can resume another's message at
 * its first unconfirmed part. Returns the final journal state.
 */
export function createJobSender({ deliver, journal, limiter, perChatIntervalMs, maxRetries, outageMs, stats, logger }: JobSenderOptions) {
  // BullMQ owns the backoff between attempts, so the step's own retry delay is not used here.
  const policy = { perChatIntervalMs, maxRetries, retryBaseMs: 0 }
  /** Redis calls inside a send wait out a restart: giving up between a send and its record would send it twice. */
  async function persist<T>(what: string, fn: () => Promise<T>): Promise<T> {
    const deadline = performance.now() + outageMs
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn()
      }
      catch (err) {
        if (performance.now() > deadline) throw err
        if (attempt === 0) logger.warn(`Redis did not answer (${what}: ${(err as Error).message}); retrying until it is back`)
        await sleep(Math.min(100 * 2 ** attempt, 2000))
      }
    }
  }

  const record = (id: string, entry: JournalEntry) => persist('journal', () => journal.set(id, entry))

  return async function send(job: Job<OutboundMessage, string>): Promise<string> {
    const message = job.data
    const log = logger.child({ id: message.id, chat: message.chatId })
    const [known] = await persist('journal', () => journal.getMany([message.id]))
    let step = resume(known, message.parts.length)
    for (;;) {
      count(stats, step.counts)
      if (step.note) log[step.counts.failures?.includes('gaveUp') ? 'error' : 'warn'](step.note)
      const { entry, action } = step
      if (action.kind === 'settle') {
        if (action.outcome === 'duplicate') return entry.state
        await record(message.id, entry)
        return entry.state
      }
      if (action.kind === 'retry' && !action.pauseAll) {
        // BullMQ retries with backoff, on whichever instance is free; the journal resumes at this part.
        await record(message.id, entry)
        throw new Error(step.note)
      }
      if (action.kind === 'retry') {
        await persist('limiter', () => limiter.pause(action.delayMs))
        await record(message.id, entry)
      }
      else if (action.delayMs > 0 || step.counts.inDoubt) await record(message.id, entry)
      if (action.delayMs > 0) await sleep(action.delayMs)
      const slot = await persist('limiter', () => limiter.acquire())
      await record(message.id, marking(entry, action.part))
      const result: DeliveryResult = await deliver(message.chatId, message.parts[action.part]!).catch((err: Error) => ({ kind: 'transient', description: err.message }))
      await persist('limiter', () => slot.done())
      step = next(entry, action.part, result, job.attemptsMade, policy)
    }
  }
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
