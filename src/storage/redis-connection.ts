import { Redis } from 'ioredis'
import type { Logger } from '../logger.js'
import { redisCause } from './redis-errors.js'

export { redisCause }

export class RedisUnavailableError extends Error {}

/**
 * An ioredis client for the shared queue, the scheduler lock and the update gate.
 * Commands wait through a reconnect instead of failing (maxRetriesPerRequest: null, which BullMQ
 * requires too), so a Redis restart delays work rather than losing it; `connectRedis` alone
 * fails fast, so a Redis that is down at start-up is a clear error, not a hang.
 */
export interface ConnectOptions { name: string, connectTimeoutMs?: number, logger?: Logger }

export async function connectRedis(url: string, { name, connectTimeoutMs = 5000, logger }: ConnectOptions): Promise<Redis> {
  const redis = new Redis(url, {
    connectionName: `khulasa-${name}`,
    connectTimeout: connectTimeoutMs,
    maxRetriesPerRequest: null,
    lazyConnect: true,
    retryStrategy: (attempt) => Math.min(100 * 2 ** attempt, 2000),
  })
  // Reconnects are logged by whoever notices a slow command; an unhandled 'error' would crash the process.
  // The errors met while connecting explain a failure better than ioredis's "Connection is closed".
  const errors: Error[] = []
  const onError = (err: Error) => errors.push(err) > 20 && errors.shift()
  redis.on('error', onError)
  const safe = url.replace(/\/\/[^@/]*@/, '//***@')
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      redis.connect(),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer in ${connectTimeoutMs} ms`)), connectTimeoutMs) }),
    ])
  }
  catch (err) {
    redis.disconnect()
    throw new RedisUnavailableError(`cannot reach Redis at ${safe}: ${redisCause(errors) ?? (err as Error).message}`)
  }
  finally {
    clearTimeout(timer)
    redis.off('error', onError)
  }
  redis.on('error', () => {})
  // One line when Redis goes away and one when it is back: the work in between waits, it is not lost.
  let lost = false
  redis.on('close', () => {
    if (lost || redis.status === 'end') return
    lost = true
    logger?.warn(`Redis connection lost (${safe}); sends and ticks wait until it is back`)
  })
  redis.on('ready', () => {
    if (!lost) return
    lost = false
    logger?.info(`Redis is back (${safe})`)
  })
  return redis
}

/** BullMQ's connection settings for a redis:// URL (BullMQ takes options, not our ioredis client). */
export function bullConnection(url: string) {
  const u = new URL(url)
  return {
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 6379),
    db: Number(u.pathname.slice(1) || 0),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
    retryStrategy: (attempt: number) => Math.min(100 * 2 ** attempt, 2000),
  }
}
