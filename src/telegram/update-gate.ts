import { randomUUID } from 'node:crypto'
import type { Redis } from 'ioredis'

/** How long a finished update_id is remembered; Telegram gives up redelivering long before. */
const DONE_TTL_SECONDS = 24 * 3600
/** A claim lapses this long after its holder stops renewing it (killed mid-update); then a redelivery is handled. */
export const LEASE_MS = 10_000
const LOCAL_IDS = 10_000

/**
 * What a claim found. `claimed`: handle the update, then call done(); release() gives it back when it
 * could not be handled. `running`: another handler holds the lease (answer non-2xx, Telegram retries).
 * `done`: handled before (answer 200, do nothing).
 */
export type Claim =
  | { status: 'claimed', done(): Promise<void>, release(): Promise<void> }
  | { status: 'running' }
  | { status: 'done' }

export interface UpdateGate {
  claim(updateId: number): Promise<Claim>
  /** In this process's memory: its answers come at once, so a caller needs no deadline on them. */
  readonly local?: boolean
}

export class GateUnavailableError extends Error {}

// Renew or drop the lease only while it is still ours: an expired lease may belong to another instance now.
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`
const DROP = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`

/**
 * Each update is handled at least once and, barring a crash, once: Telegram redelivers an update it
 * got no 200 for (a slow answer, a restart, an instance killed mid-update), and the load balancer may
 * send the copy to another instance. The first to claim the update_id takes a lease, renews it while
 * its handler runs and marks the update done when the handler returns; a copy meanwhile finds it
 * running, and one after a crash finds the lease lapsed and takes it.
 * Without Redis there is one process: an in-memory map, no store write per update. A crash empties
 * it, so the redelivery after a restart is handled.
 */
export function createUpdateGate({ redis, prefix, leaseMs = LEASE_MS }: { redis?: Redis, prefix: string, leaseMs?: number }): UpdateGate {
  return redis ? redisGate(redis, prefix, leaseMs) : memoryGate()
}

function redisGate(redis: Redis, prefix: string, leaseMs: number): UpdateGate {
  return {
    async claim(updateId) {
      // ioredis queues commands while reconnecting; a webhook post must not wait for that.
      if (redis.status !== 'ready') throw new GateUnavailableError('Redis is not connected')
      const key = `${prefix}:update:${updateId}`
      const holder = `running:${randomUUID()}`
      if ((await redis.set(key, holder, 'PX', leaseMs, 'NX')) !== 'OK') {
        return (await redis.get(key)) === 'done' ? { status: 'done' } : { status: 'running' }
      }
      const renewal = setInterval(() => void redis.eval(RENEW, 1, key, holder, leaseMs).catch(() => {}), Math.floor(leaseMs / 3))
      renewal.unref()
      return {
        status: 'claimed',
        async done() {
          clearInterval(renewal)
          await redis.set(key, 'done', 'EX', DONE_TTL_SECONDS)
        },
        async release() {
          clearInterval(renewal)
          await redis.eval(DROP, 1, key, holder)
        },
      }
    },
  }
}

function memoryGate(): UpdateGate {
  const seen = new Map<number, 'running' | 'done'>()
  // The ids in the order they came, to forget the oldest. Not seen.keys().next(): a Map keeps deleted entries as
  // holes until it rehashes, so finding the first live key after many deletions walks them all (the profile showed it).
  // An id given back and claimed again is forgotten from its first place: still thousands of updates later.
  const order = new Float64Array(LOCAL_IDS)
  let oldest = 0
  let full = false
  return {
    local: true,
    async claim(updateId) {
      const state = seen.get(updateId)
      if (state) return { status: state }
      if (full) seen.delete(order[oldest]!)
      seen.set(updateId, 'running')
      order[oldest] = updateId
      oldest = (oldest + 1) % LOCAL_IDS
      full ||= oldest === 0
      return new LocalClaim(seen, updateId)
    },
  }
}

/**
 * A claim of the in-memory gate, one per update: a class, so no closures are made per update (tsx names every
 * closure it compiles with a defineProperty call, about 0.4 µs each).
 */
class LocalClaim {
  readonly status = 'claimed'
  constructor(private readonly seen: Map<number, 'running' | 'done'>, private readonly updateId: number) {}
  done(): Promise<void> {
    this.seen.set(this.updateId, 'done')
    return Promise.resolve()
  }

  release(): Promise<void> {
    this.seen.delete(this.updateId)
    return Promise.resolve()
  }
}
