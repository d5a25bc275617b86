import { timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Update } from 'telegraf/types'
import type { Logger } from '../logger.js'
import type { Metrics } from '../metrics.js'
import type { Claim, UpdateGate } from './update-gate.js'

/** Telegram's updates are a few kB; anything near this is not from Telegram. */
const MAX_BODY_BYTES = 1024 * 1024
/** /healthz, /metrics and a post's claim each answer within 2 s, Redis down or not. */
const HEALTH_TIMEOUT_MS = 1000
const CLAIM_TIMEOUT_MS = 1000

export type HealthCheck = () => Promise<unknown>

export interface WebhookServerOptions {
  /** The path of WEBHOOK_URL: the load balancer forwards it unchanged. */
  path: string
  secret: string
  port: number
  host?: string
  handleUpdate: (update: Update) => Promise<void>
  /** Leases each update_id, so a copy of an update is handled only if the first try died. */
  gate: UpdateGate
  /** Each check resolves when its dependency answers; /healthz reports them by name. */
  health: Record<string, HealthCheck>
  metrics: Metrics
  /** When set, /metrics wants `Authorization: Bearer <token>`. */
  metricsToken?: string
  /** Lines that repeat (Redis down, forged posts) should come rate-limited: see quietRepeats. */
  logger: Logger
}

export interface WebhookServer {
  port: number
  close(): Promise<void>
}

/**
 * The HTTP side of webhook mode: Telegram's POSTs, /healthz and /metrics.
 * A post is answered 200 only after its update is handled, so a crash mid-update makes Telegram retry it;
 * it gets 503 (Telegram retries) while a copy is being handled or the update gate's Redis is down.
 * Anything not carrying the secret is refused before its body is read, and leaves no trace but a log line.
 */
export async function startWebhookServer(options: WebhookServerOptions): Promise<WebhookServer> {
  const { path, logger, metrics } = options
  const secret = Buffer.from(options.secret)
  const metricsToken = options.metricsToken ? Buffer.from(`Bearer ${options.metricsToken}`) : undefined

  const server = createServer((req, res) => {
    route(req, res).catch((err: Error) => {
      logger.error({ err }, `webhook request failed: ${err.message}`)
      if (!res.headersSent) reply(res, 500, 'internal error')
    })
  })
  // Slow-loris posts must not hold sockets open.
  server.requestTimeout = 30_000
  server.headersTimeout = 10_000

  async function route(req: IncomingMessage, res: ServerResponse) {
    // Telegram posts to the path exactly as registered: that needs no URL parsing on every update.
    const pathname = req.url === path ? path : new URL(req.url ?? '/', 'http://localhost').pathname
    if (req.method === 'GET' && pathname === '/healthz') return healthz(res)
    if (req.method === 'GET' && pathname === '/metrics') return serveMetrics(req, res)
    if (pathname !== path) return refuse(req, res, 404, 'not found')
    if (req.method !== 'POST') return refuse(req, res, 405, 'method not allowed')
    if (!matches(secret, req.headers['x-telegram-bot-api-secret-token'])) {
      logger.warn({ ip: req.socket.remoteAddress }, 'webhook post refused: wrong or missing secret token')
      return refuse(req, res, 401, 'unauthorized')
    }
    const declared = Number(req.headers['content-length'] ?? 0)
    if (declared > MAX_BODY_BYTES) return refuse(req, res, 413, 'payload too large')
    const body = await readBody(req, MAX_BODY_BYTES)
    if (body === undefined) return refuse(req, res, 413, 'payload too large')
    const update = parseUpdate(body)
    if (!update) {
      logger.warn('webhook post refused: not a JSON update')
      return reply(res, 400, 'bad request')
    }
    const claim = await claimWithin(update.update_id, CLAIM_TIMEOUT_MS).catch((err: Error) => {
      logger.warn(`webhook: the update gate is unavailable (${err.message}); answering 503 so Telegram retries`)
    })
    if (!claim) return reply(res, 503, 'unavailable, retry later')
    if (claim.status === 'done') return reply(res, 200, 'ok')
    if (claim.status === 'running') {
      logger.debug({ update: update.update_id }, 'update is being handled; 503 so Telegram retries it if that fails')
      return reply(res, 503, 'in progress, retry later')
    }
    try {
      await options.handleUpdate(update)
    }
    catch (err) {
      await claim.release().catch(() => {})
      throw err
    }
    // Handled: answer 200 even if the mark is lost (its lease lapses); a retry then would repeat the update.
    await (options.gate.local ? claim.done() : withTimeout(claim.done(), CLAIM_TIMEOUT_MS)).catch((err: Error) => logger.warn(`webhook: could not mark update ${update.update_id} done: ${err.message}`))
    reply(res, 200, 'ok')
  }

  /** A claim that comes back after its deadline is given back at once: nobody is handling it. */
  function claimWithin(updateId: number, ms: number): Promise<Claim> {
    const pending = options.gate.claim(updateId)
    // An in-memory gate answers at once: no timer to arm and clear on every post.
    if (options.gate.local) return pending
    return withTimeout(pending, ms).catch((err: Error) => {
      void pending.then((late) => (late.status === 'claimed' ? late.release() : undefined)).catch(() => {})
      throw err
    })
  }

  async function serveMetrics(req: IncomingMessage, res: ServerResponse) {
    if (metricsToken && !matches(metricsToken, req.headers.authorization)) {
      res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer realm="metrics"' })
      return void res.end('unauthorized')
    }
    const text = await withTimeout(metrics.text(), HEALTH_TIMEOUT_MS).catch((err: Error) => {
      logger.warn(`/metrics: ${err.message}`)
    })
    if (text === undefined) return reply(res, 503, 'metrics unavailable')
    res.writeHead(200, { 'content-type': metrics.contentType })
    res.end(text)
  }

  async function healthz(res: ServerResponse) {
    const names = Object.keys(options.health)
    const results = await Promise.all(names.map((name) => withTimeout(options.health[name]!(), HEALTH_TIMEOUT_MS).then(() => 'ok', (err: Error) => `down: ${err.message}`)))
    const report = Object.fromEntries(names.map((name, i) => [name, results[i]]))
    const ok = results.every((r) => r === 'ok')
    res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ ok, ...report }))
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => resolve())
  })
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeIdleConnections()
    }),
  }
}

function matches(expected: Buffer, header: string | string[] | undefined): boolean {
  if (typeof header !== 'string') return false
  const given = Buffer.from(header)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

function reply(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, { 'content-type': 'text/plain' })
  res.end(text)
}

/** Answers without reading the body; the connection closes so an unread upload is not kept. */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, text: string) {
  res.shouldKeepAlive = false
  reply(res, status, text)
  req.resume()
}

/** The body, or undefined once it passes `limit` bytes (the rest is discarded unread). */
function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        chunks.length = 0
        req.removeAllListeners('data')
        req.resume()
        resolve(undefined)
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve((chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString('utf8')))
    req.on('error', reject)
  })
}

function parseUpdate(body: string): Update | undefined {
  try {
    const value = JSON.parse(body) as unknown
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
    const id = (value as { update_id?: unknown }).update_id
    return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? value as Update : undefined
  }
  catch {
    return undefined
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms) })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
