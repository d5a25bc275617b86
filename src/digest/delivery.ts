import type { Clock } from '../clock.js'
import type { Config } from '../config.js'
import type { Core } from '../core.js'
import type { Logger } from '../logger.js'
import type { Store } from '../storage/create-store.js'
import { batchSqliteWrites } from '../storage/sqlite-set-many.js'
import type { Digests } from './digests.js'
import type { RunCoordinator } from 'node-cron'
import { createMemoryQueue, type MemoryQueueOptions } from './memory-queue.js'
import type { Deliver, OutboundQueue } from './outbound.js'
import { startDigestScheduler } from './scheduler.js'
import { createSentLog } from './sent-log.js'

/** Telegram's free broadcast limit; above it only allow_paid_broadcast is allowed. */
const FREE_RATE = 30

function sendRate(config: Pick<Config, 'SEND_RATE' | 'ALLOW_PAID_BROADCAST'>): number {
  return config.ALLOW_PAID_BROADCAST ? config.SEND_RATE : Math.min(config.SEND_RATE, FREE_RATE)
}

/** What several instances sharing Redis use instead: a shared queue (same options) and a run coordinator. */
export interface SharedDelivery {
  createQueue: (options: MemoryQueueOptions) => OutboundQueue
  coordinator: RunCoordinator
}

/** Wires the outbound queue between the digests and a `deliver` (telegraf, or the terminal). */
export function createDigestDelivery({ digests, store, clock, config, logger, deliver, createQueue = createMemoryQueue }: {
  digests: Digests
  store: Store
  clock: Clock
  config: Config
  logger: Logger
  deliver: Deliver
  createQueue?: SharedDelivery['createQueue']
}): OutboundQueue {
  // The digests save subscribers in groups (a tick's pending digests, each group settled): one statement a group.
  batchSqliteWrites(store.ns('subscribers'))
  const perSecond = sendRate(config)
  if (perSecond < config.SEND_RATE) logger.warn(`SEND_RATE=${config.SEND_RATE} needs ALLOW_PAID_BROADCAST=true; sending at ${perSecond}/s`)
  const queue = createQueue({
    deliver,
    journal: createSentLog(store, clock),
    perSecond,
    maxRetries: config.SEND_MAX_RETRIES,
    retryBaseMs: config.SEND_RETRY_BASE_MS,
    onSettled: (message, outcome) => digests.settled(message, outcome),
    logger: logger.child({ job: 'outbound' }),
  })
  digests.attach(queue)
  return queue
}

export interface DigestService {
  queue: OutboundQueue
  /** Stops ticking, lets the sends in flight finish and be recorded, saves the counters. Waiting digests resume at the next start. */
  stop(): Promise<void>
}

/** The queue plus the once-a-minute scheduler: what main starts for long polling and the terminal chat alike. */
export function startDigestService(core: Pick<Core, 'digests' | 'store' | 'config' | 'logger' | 'clock'>, deliver: Deliver, shared?: SharedDelivery): DigestService {
  const { digests, clock } = core
  const logger = core.logger.child({ job: 'digest' })
  const queue = createDigestDelivery({ digests, store: core.store, clock, config: core.config, logger, deliver, createQueue: shared?.createQueue })
  const scheduler = startDigestScheduler({ tick: (now) => digests.tick(now), clock, logger, coordinator: shared?.coordinator })
  return {
    queue,
    async stop() {
      await scheduler.stop()
      const waiting = queue.depth()
      await queue.close()
      await digests.flushStats()
      logger.info({ waiting: queue.depth(), ...queue.stats() }, waiting > 0 ? 'digest delivery stopped; waiting digests resume at the next start' : 'digest delivery stopped')
    },
  }
}
