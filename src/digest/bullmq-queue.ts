import { Queue, Worker } from 'bullmq'
import type { Redis } from 'ioredis'
import { bullConnection } from '../storage/redis-connection.js'
import { createJobSender } from './bullmq-sender.js'
import { count, outcomeOf, resume, type Step } from './delivery-step.js'
import {
  emptyFailures,
  type OutboundMessage,
  type OutboundQueue,
  type Outcome,
  type QueueOptions,
  type QueueStats,
} from './outbound.js'
import { createSharedLimiter } from './redis-limiter.js'

export interface BullQueueOptions extends QueueOptions {
  /** For the limiter; BullMQ opens its own connections to `redisUrl` (it bundles its own ioredis). */
  redis: Redis
  redisUrl: string
  /** Key prefix shared by every instance of this bot (REDIS_PREFIX). */
  prefix: string
  /** Messages this process works on at once; the shared limiter paces them all. */
  concurrency?: number
  /** How often this process checks the journal for its messages' outcomes. */
  pollMs?: number
  /** How long a Redis outage is waited out inside one send before the job is handed back to BullMQ. */
  outageMs?: number
}

export type BullQueue = OutboundQueue & {
  /** Messages waiting, delayed or in flight in Redis, from every instance. */
  sharedDepth(): Promise<number>
  ping(): Promise<unknown>
}

const QUEUE = 'outbound'
/** Outcomes read per poll: a 100,000-digest run must not MGET every pending id five times a second. */
const POLL_WINDOW = 2000

/**
 * The OutboundQueue for several instances: a BullMQ queue in Redis whose workers (one per process)
 * share one limiter. Job ids are the messages' deterministic ids, so two instances enqueueing the
 * same digest add one job. The worker keeps the journal exactly as the in-process queue does; the
 * process that enqueued a message learns its outcome from the journal and settles it there, so
 * the scheduler's bookkeeping stays in the process that made it. If that process is gone, the
 * next tick re-enqueues the still-pending digest, finds it in the journal and settles it.
 */
export function createBullQueue(options: BullQueueOptions): BullQueue {
  const { redis, redisUrl, prefix, deliver, journal, perSecond, perChatIntervalMs = 1000, maxRetries = 5, retryBaseMs = 1000, logger } = options
  const pollMs = options.pollMs ?? 200
  const outageMs = options.outageMs ?? 120_000
  const limiter = createSharedLimiter({ redis, key: `${prefix}:limiter`, perSecond })
  const queue = new Queue<OutboundMessage, string>(QUEUE, { connection: bullConnection(redisUrl), prefix })
  const stats: QueueStats = { sent: 0, delivered: 0, failures: emptyFailures(), inDoubt: 0 }
  const pending = new Map<string, OutboundMessage>()
  const idle: (() => void)[] = []
  let pollTimer: NodeJS.Timeout | undefined
  let closed = false

  const send = createJobSender({ deliver, journal, limiter, perChatIntervalMs, maxRetries, outageMs, stats, logger })

  const worker = new Worker<OutboundMessage, string>(QUEUE, send, {
    connection: bullConnection(redisUrl),
    prefix,
    concurrency: options.concurrency ?? Math.max(4, perSecond),
    maxStalledCount: 5,
  })
  worker.on('failed', (job, err) => logger.warn({ id: job?.id }, err.message))
  worker.on('error', (err) => logger.warn(`outbound worker: ${err.message}`))

  async function settle(message: OutboundMessage, outcome: Outcome) {
    pending.delete(message.id)
    try {
      await options.onSettled?.(message, outcome)
    }
    catch (err) {
      logger.error({ err, id: message.id }, 'onSettled failed')
    }
  }

  async function poll() {
    pollTimer = undefined
    if (pending.size > 0) {
      try {
        // Jobs run about in the order they were added, so the oldest pending settle first.
        const messages = [...pending.values()].slice(0, POLL_WINDOW)
        const entries = await journal.getMany(messages.map((m) => m.id))
        for (const [i, message] of messages.entries()) {
          const entry = entries[i]
          if (entry && entry.state !== 'sending') await settle(message, outcomeOf(entry))
        }
      }
      catch (err) {
        logger.warn(`could not read delivery outcomes (${(err as Error).message}); trying again`)
      }
    }
    if (pending.size === 0) for (const resolve of idle.splice(0)) resolve()
    else if (!closed) pollTimer = setTimeout(() => void poll(), pollMs)
  }

  /** A job BullMQ already finished (kept to refuse duplicates) blocks a resumed one with its id. */
  async function clearFinished(id: string) {
    const state = await queue.getJobState(id)
    if (state === 'completed' || state === 'failed') await queue.remove(id)
  }

  async function addJobs(jobs: { name: 'message', data: OutboundMessage, opts: { jobId: string } }[]) {
    try {
      await queue.addBulk(jobs.map((job) => ({
        ...job,
        opts: {
          ...job.opts,
          attempts: maxRetries + 1,
          backoff: { type: 'exponential', delay: retryBaseMs, jitter: 0.2 },
          // Kept a day so an id that comes again is refused by BullMQ as well as by the journal.
          removeOnComplete: { age: 24 * 3600 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      })))
    }
    catch (err) {
      // Not queued, so not pending here: the subscribers stay due and the next tick tries again.
      for (const job of jobs) pending.delete(job.data.id)
      throw err
    }
  }

  return {
    async enqueue(messages) {
      const fresh = messages.filter((m) => !pending.has(m.id) && m.parts.length > 0)
      const entries = await journal.getMany(fresh.map((m) => m.id))
      const jobs: { name: 'message', data: OutboundMessage, opts: { jobId: string } }[] = []
      const finished: [OutboundMessage, Step][] = []
      for (const [i, message] of fresh.entries()) {
        const known = entries[i]
        const step = resume(known, message.parts.length)
        if (step.action.kind === 'settle') {
          finished.push([message, step])
          continue
        }
        if (known) await clearFinished(message.id)
        pending.set(message.id, message)
        jobs.push({ name: 'message', data: message, opts: { jobId: message.id } })
      }
      await addJobs(jobs)
      for (const [message, { entry, action, counts }] of finished) {
        count(stats, counts)
        if (action.kind !== 'settle') continue
        if (action.outcome !== 'duplicate') await journal.set(message.id, entry)
        await settle(message, action.outcome)
      }
      if (!pollTimer && pending.size > 0) pollTimer = setTimeout(() => void poll(), pollMs)
    },
    drain() {
      if (pending.size === 0) return Promise.resolve()
      return new Promise((resolve) => idle.push(resolve))
    },
    depth: () => pending.size,
    stats: () => ({ ...stats, failures: { ...stats.failures } }),
    async sharedDepth() {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized')
      return Object.values(counts).reduce((a, b) => a + b, 0)
    },
    ping: () => redis.ping(),
    async close() {
      closed = true
      if (pollTimer) clearTimeout(pollTimer)
      await worker.close()
      await queue.close()
      for (const resolve of idle.splice(0)) resolve()
    },
  }
}
