import { randomUUID } from 'node:crypto'
import type { Redis } from 'ioredis'

// Both scripts read Redis's own clock, so the instances' clocks never have to agree.
const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000`

/**
 * KEYS: window zset, gcra key. ARGV: max, windowMs, spacingMs, burstMs, member, inFlightMs.
 * Returns 0 when the send may start (and reserves it), else milliseconds to wait.
 */
const RESERVE = `${NOW}
local max, window, spacing, burst, inflight = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[6])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local wait = 0
if redis.call('ZCARD', KEYS[1]) >= max then
  local oldest = tonumber(redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2])
  if oldest > now then wait = 5 else wait = oldest + window - now end
end
local tat = tonumber(redis.call('GET', KEYS[2]) or '0')
if tat - burst - now > wait then wait = tat - burst - now end
if wait > 0 then return math.ceil(wait) end
redis.call('ZADD', KEYS[1], now + inflight, ARGV[5])
redis.call('PEXPIRE', KEYS[1], math.ceil(inflight + window))
local nextTat = math.max(tat, now) + spacing
redis.call('SET', KEYS[2], tostring(nextTat), 'PX', math.ceil(nextTat - now + window))
return 0`

/** KEYS: window zset. ARGV: member. The send's answer came now: it counts for one window from here. */
const DONE = `${NOW}
redis.call('ZADD', KEYS[1], 'XX', now, ARGV[1])
return 0`

/** KEYS: gcra key. ARGV: ms. Everyone waits, e.g. after a 429 whose retry_after covers the whole bot. */
const PAUSE = `${NOW}
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
local until_ = math.max(tat, now + tonumber(ARGV[1]))
redis.call('SET', KEYS[1], tostring(until_), 'PX', math.ceil(until_ - now + 1000))
return 0`

export interface SharedLimiterOptions {
  redis: Redis
  /** Shared by every instance of the bot: one limit in total, not one per process. */
  key: string
  perSecond: number
  windowMs?: number
  burstMs?: number
  /** A send whose answer never got recorded (its process died) stops counting after this. */
  inFlightMs?: number
}

export type SharedLimiter = ReturnType<typeof createSharedLimiter>

/**
 * The pacer's rule (see pacer.ts), kept in Redis so every instance shares it: a send may start
 * only when fewer than `perSecond` sends are in flight or were answered within the last window,
 * so the Bot API never sees more than `perSecond` requests in any sliding window, whatever the
 * number of processes or the network's jitter. A GCRA spacing keeps the sends even.
 */
export function createSharedLimiter({ redis, key, perSecond, windowMs = 1000, burstMs = 4, inFlightMs = 60_000 }: SharedLimiterOptions) {
  const windowKey = `${key}:window`
  const gcraKey = `${key}:gcra`
  const spacing = windowMs / perSecond
  let counter = 0
  const id = randomUUID().slice(0, 8)

  return {
    /** Waits for a slot; `done()` must be called once the answer (any answer) arrives. */
    async acquire(): Promise<{ done(): Promise<void> }> {
      const member = `${id}:${++counter}`
      for (;;) {
        const wait = Number(await redis.eval(RESERVE, 2, windowKey, gcraKey, perSecond, windowMs, spacing, burstMs, member, inFlightMs))
        if (wait === 0) break
        await new Promise((resolve) => setTimeout(resolve, wait))
      }
      return { done: async () => { await redis.eval(DONE, 1, windowKey, member) } }
    },
    async pause(ms: number) {
      await redis.eval(PAUSE, 1, gcraKey, ms)
    },
  }
}
