import type { Redis } from 'ioredis'
import type { RunCoordinator } from 'node-cron'

/**
 * node-cron's run coordinator over Redis: the first instance to `SET key NX PX ttl` for a slot
 * runs that minute's tick, the others skip it. The key is left to expire rather than deleted on
 * completion, so an instance whose clock fires late cannot take the same minute again.
 * A Redis that does not answer throws, and node-cron skips the minute (fail-closed); the next
 * elected tick picks up everyone still due, since the due index keeps past minutes.
 */
export interface RedisCoordinatorOptions { redis: Redis, prefix: string, owner?: string, timeoutMs?: number }

export function createRedisCoordinator(options: RedisCoordinatorOptions): RunCoordinator & { elected(): number } {
  const { redis, prefix, owner = String(process.pid), timeoutMs = 3000 } = options
  let elected = 0
  return {
    async shouldRun(key: string, ttlMs: number) {
      let timer: NodeJS.Timeout | undefined
      const answer = await Promise.race([
        redis.set(`${prefix}:cron:${key}`, owner, 'PX', Math.max(1, Math.round(ttlMs)), 'NX'),
        new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`Redis gave no answer in ${timeoutMs} ms; this tick is skipped`)), timeoutMs) }),
      ]).finally(() => clearTimeout(timer))
      if (answer === 'OK') elected++
      return answer === 'OK'
    },
    /** Ticks this instance won, for logs and tests. */
    elected: () => elected,
  }
}
