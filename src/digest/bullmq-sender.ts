import type { Job } from 'bullmq'
import type { Logger } from '../logger.js'
import { recordAnswered, resumeEntry, type Deliver, type DeliveryJournal, type DeliveryResult, type JournalEntry, type OutboundMessage, type QueueStats } from './outbound.js'
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
    if (known && known.state !== 'sending') return known.state
    let entry: JournalEntry = known ?? { parts: message.parts.length, done: 0, state: 'sending' }
    if (entry.inFlight !== undefined) {
      // A send whose answer was lost (its worker died, or its lock ran out): never sent again, per the contract.
      stats.inDoubt++
      log.warn({ part: entry.inFlight }, 'a part was in flight when its sender stopped; it is not sent again (in doubt)')
      entry = resumeEntry(entry)
      if (entry.done >= entry.parts) {
        await record(message.id, { ...entry, state: 'sent' })
        stats.delivered++
        return 'sent'
      }
      await record(message.id, entry)
    }
    while (entry.done < entry.parts) {
      const part = entry.done
      const slot = await persist('limiter', () => limiter.acquire())
      await record(message.id, { ...entry, inFlight: part })
      const result: DeliveryResult = await deliver(message.chatId, message.parts[part]!).catch((err: Error) => ({ kind: 'transient', description: err.message }))
      await persist('limiter', () => slot.done())
      delete entry.inFlight
      if (result.kind === 'ok' || result.kind === 'badRequest') {
        recordAnswered(entry, part, result, stats, (text) => log.warn({ part }, text))
        if (entry.done < entry.parts) {
          await record(message.id, entry)
          await sleep(perChatIntervalMs)
          continue
        }
        await record(message.id, { ...entry, state: 'sent' })
        if ((entry.skipped?.length ?? 0) < entry.parts) stats.delivered++
        continue
      }
      if (result.kind === 'retryAfter') {
        stats.failures.rateLimited++
        log.warn({ part }, `429 from Telegram: every instance waits ${result.seconds}s, then the same part goes again`)
        await persist('limiter', () => limiter.pause(result.seconds * 1000))
        await record(message.id, entry)
        await sleep(result.seconds * 1000)
        continue
      }
      if (result.kind === 'blocked') {
        stats.failures.blocked++
        log.info(`the chat refuses messages (403: ${result.description}); subscription switched off`)
        await record(message.id, { ...entry, state: 'blocked' })
        return 'blocked'
      }
      stats.failures.transient++
      await record(message.id, entry)
      if (job.attemptsMade >= maxRetries) {
        stats.failures.gaveUp++
        log.error(`gave up after ${maxRetries} retries: ${result.description}`)
        await record(message.id, { ...entry, state: 'failed' })
        return 'failed'
      }
      // BullMQ retries with backoff, on whichever instance is free; the journal resumes at this part.
      throw new Error(`send failed (${result.description}); retry ${job.attemptsMade + 1}/${maxRetries}`)
    }
    return 'sent'
  }
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
