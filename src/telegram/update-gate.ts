import type { Redis } from 'ioredis'

/** How long an update_id is remembered; Telegram gives up redelivering long before. */
const TTL_SECONDS = 24 * 3600
const LOCAL_IDS = 10_000

/**
 * Each update is handled once, even when Telegram redelivers it (a slow answer, a restart) and the
 * load balancer sends the copy to another instance: the first to claim the update_id handles it.
 * Without Redis there is one instance, and a bounded in-memory set is enough.
 */
export function createUpdateGate({ redis, prefix }: { redis?: Redis, prefix: string }): (updateId: number) => Promise<boolean> {
  if (redis) return async (updateId) => (await redis.set(`${prefix}:update:${updateId}`, '1', 'EX', TTL_SECONDS, 'NX')) === 'OK'
  const seen = new Set<number>()
  return async (updateId) => {
    if (seen.has(updateId)) return false
    seen.add(updateId)
    // Sets iterate in insertion order: the first is the oldest.
    if (seen.size > LOCAL_IDS) seen.delete(seen.values().next().value!)
    return true
  }
}
