import type { Config } from './config.js'
import type { Core } from './core.js'
import { createBullQueue, type BullQueue } from './digest/bullmq-queue.js'
import type { SharedDelivery } from './digest/delivery.js'
import { createRedisCoordinator } from './digest/redis-coordinator.js'
import { startSubscriberSync } from './digest/subscriber-sync.js'
import type { Subscriber } from './digest/subscribers.js'
import { quietRepeats, type Logger } from './logger.js'
import { connectRedis } from './storage/redis-connection.js'
import { createUpdateGate, type UpdateGate } from './telegram/update-gate.js'

export interface ScaleOut {
  /** The shared BullMQ queue and the Redis run coordinator, for startDigestService. */
  delivery: SharedDelivery
  /** Leases each update_id across instances: handled once, and again only if its handler died. */
  gate: UpdateGate
  /** Resolves when the queue's Redis answers; rejects at once while it is reconnecting. */
  ping: () => Promise<unknown>
  /** Messages waiting or in flight in the shared queue, all instances together. */
  depth: () => Promise<number>
  close: () => Promise<void>
}

/**
 * Everything several instances share besides the store, when STORAGE_URL is redis://: the digest
 * queue and its limiter, the lock that lets one instance run each minute's digest tick, the
 * update_id gate, and subscriber changes broadcast to every instance's due index.
 * Undefined for SQLite and memory stores: one process, in-process queue.
 */
export async function connectScaleOut(config: Config, logger: Logger, core: Pick<Core, 'subscribers' | 'digests' | 'clock'>): Promise<ScaleOut | undefined> {
  if (!/^rediss?:\/\//.test(config.STORAGE_URL)) return undefined
  const url = config.STORAGE_URL
  const prefix = config.REDIS_PREFIX
  const redis = await connectRedis(url, { name: 'shared', logger })
  let queue: BullQueue | undefined
  // While Redis is down the worker and the sync fail every second or so: one line a minute says as much.
  const quiet = quietRepeats(logger, { now: () => core.clock.now().getTime() })
  const onRemoteChange = (s: Subscriber) => core.digests.noteRemoteChange(s)
  const sync = await startSubscriberSync({ redis, prefix, subscribers: core.subscribers, onRemoteChange, logger: quiet })
  return {
    delivery: {
      createQueue: (options) => {
        const logger = quietRepeats(options.logger, { now: () => core.clock.now().getTime() })
        return (queue = createBullQueue({ ...options, logger, redis, redisUrl: url, prefix }))
      },
      coordinator: createRedisCoordinator({ redis, prefix }),
    },
    gate: createUpdateGate({ redis, prefix }),
    ping: async () => {
      if (redis.status !== 'ready') throw new Error(`Redis is ${redis.status}`)
      return redis.ping()
    },
    depth: async () => (queue ? queue.sharedDepth() : 0),
    async close() {
      await sync.close()
      await redis.quit().catch((err: Error) => logger.warn(`closing Redis: ${err.message}`))
    },
  }
}
