import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'

/** The machine's Redis (set by .ci/run); the tests skip with a notice without it. */
export const redisUrl = process.env.REDIS_URL

export function warnIfNoRedis(what: string) {
  if (!redisUrl) console.warn(`[skipped] ${what}: REDIS_URL is not set (.ci/run sets it)`)
}

/** Database 12 and a fresh key prefix per test: parallel test files and a running bot never meet. */
export function scaleRedis(db = 12) {
  const url = `${redisUrl!.replace(/\/\d*$/, '')}/${db}`
  return { url, prefix: `t-${randomUUID().slice(0, 8)}` }
}

/** Deletes every key under `prefix` (SCAN, never FLUSH: other tests share the database). */
export async function deletePrefix(url: string, prefix: string) {
  const redis = new Redis(url, { lazyConnect: true })
  await redis.connect()
  let cursor = '0'
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000)
    cursor = next
    if (keys.length > 0) await redis.del(...keys)
  } while (cursor !== '0')
  redis.disconnect()
}

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = performance.now() + timeoutMs
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/**
 * A redis-server of the test's own, on its own port, with every write fsynced to an append-only
 * file: it can be stopped and started mid-run without touching the machine's Redis or losing data.
 */
export async function ownRedisServer({ password }: { password?: string } = {}) {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'khulasa-redis-'))
  let child: ChildProcess | undefined
  const url = `redis://${password ? `:${password}@` : ''}127.0.0.1:${port}/0`
  const ping = async () => {
    const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => null, connectTimeout: 500 })
    probe.on('error', () => {})
    try {
      await probe.connect()
      return (await probe.ping()) === 'PONG'
    }
    catch {
      return false
    }
    finally {
      probe.disconnect()
    }
  }
  async function start() {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', ...(password ? ['--requirepass', password] : [])], { stdio: 'ignore' })
    await waitFor(ping, 10_000, 'the test Redis to answer')
  }
  async function stop() {
    const running = child
    if (!running || running.exitCode !== null) return
    const exited = new Promise((resolve) => running.once('exit', resolve))
    running.kill('SIGTERM')
    await exited
  }
  await start()
  return { url, port, start, stop }
}
