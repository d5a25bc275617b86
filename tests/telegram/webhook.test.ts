import { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { quietRepeats } from '../../src/logger.js'
import { startWebhookServer, type WebhookServer } from '../../src/telegram/webhook.js'
import { createUpdateGate, type UpdateGate } from '../../src/telegram/update-gate.js'
import { startHarness, type Harness } from '../helpers/bot-harness.js'
import { captureLogger } from '../helpers/core.js'
import { messageUpdate } from '../helpers/updates.js'

const SECRET = 'webhook-secret-0123456789'
const PATH = '/telegram/hook'
let harness: Harness | undefined
let server: WebhookServer | undefined

afterEach(async () => {
  await server?.close()
  await harness?.close()
  server = undefined
  harness = undefined
})

interface StartOptions {
  health?: Record<string, () => Promise<unknown>>
  gate?: UpdateGate
  metricsToken?: string
  quiet?: boolean
}

async function start({ health = { store: async () => {} }, gate = createUpdateGate({ prefix: 'test' }), metricsToken, quiet = false }: StartOptions = {}) {
  harness = await startHarness()
  const { core, bot } = harness
  const handled: number[] = []
  const log = captureLogger()
  server = await startWebhookServer({
    path: PATH,
    secret: SECRET,
    port: 0,
    host: '127.0.0.1',
    handleUpdate: async (update) => {
      handled.push(update.update_id)
      await bot.handleUpdate(update)
    },
    gate,
    health,
    metrics: core.metrics,
    metricsToken,
    logger: quiet ? quietRepeats(log.logger, { now: () => harness!.clock.now().getTime() }) : log.logger,
  })
  const base = `http://127.0.0.1:${server.port}`
  // The 2 s bound on every answer is the request's own timeout: a hang fails the test.
  const post = (body: string, headers: Record<string, string> = { 'x-telegram-bot-api-secret-token': SECRET }) =>
    fetch(`${base}${PATH}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers }, signal: AbortSignal.timeout(2000) })
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers, signal: AbortSignal.timeout(2000) })
  return { base, post, get, handled, api: harness.api, log }
}

describe('startWebhookServer', () => {
  it('handles an update once and answers 200, given the right secret (twice, as Telegram retries)', async () => {
    const { post, handled, api } = await start()
    const update = messageUpdate({ text: '/latest 1', chatId: 4_001 })
    expect((await post(JSON.stringify(update))).status).toBe(200)
    expect((await post(JSON.stringify(update))).status).toBe(200)
    expect(handled).toEqual([update.update_id])
    expect(api.textsTo(4_001)).toHaveLength(1)
  })

  it('refuses forged posts with 401/400/413 and leaves nothing behind, given no secret, a wrong one, bad JSON or 8 MB', async () => {
    const { post, handled, api, base } = await start()
    const update = messageUpdate({ text: '/latest 1', chatId: 4_002 })
    const body = JSON.stringify(update)
    expect((await post(body, {})).status).toBe(401)
    expect((await post(body, { 'x-telegram-bot-api-secret-token': 'wrong-secret-0123456789' })).status).toBe(401)
    expect((await post(body, { 'x-telegram-bot-api-secret-token': `${SECRET}x` })).status).toBe(401)
    expect((await post('{"update_id": 5, "message": ')).status).toBe(400)
    expect((await post('[1,2,3]')).status).toBe(400)
    expect((await post(' '.repeat(8 * 1024 * 1024))).status).toBe(413)
    expect((await fetch(`${base}${PATH}`)).status).toBe(405)
    expect((await fetch(`${base}/elsewhere`, { method: 'POST', body })).status).toBe(404)
    expect(handled).toEqual([])
    expect(api.sent()).toHaveLength(0)
    expect(await (await fetch(`${base}/metrics`)).text()).not.toContain('khulasa_updates_handled_total{')

    // Nothing was claimed: the genuine post of the same update still goes through.
    expect((await post(body)).status).toBe(200)
    expect(handled).toEqual([update.update_id])
  })

  it('reports each dependency and 503 when one is down, given a failing check', async () => {
    const { base } = await start({ health: { store: async () => {}, queue: async () => { throw new Error('connect ECONNREFUSED') } } })
    const response = await fetch(`${base}/healthz`)
    expect(response.status).toBe(503)
    expect(await response.json()).toEqual({ ok: false, store: 'ok', queue: 'down: connect ECONNREFUSED' })
  })

  it('answers 503 to a copy while the first is being handled, then 200 once and never handles it twice, given a handler held mid-reply', async () => {
    const { post, handled, api } = await start()
    const update = messageUpdate({ text: '/latest 1', chatId: 4_004 })
    const body = JSON.stringify(update)
    const hold = api.holdNext('sendMessage')
    const first = post(body)
    await hold.arrived
    // Telegram's retry while the first try is still running: not a 200, so Telegram keeps it.
    const copy = await post(body)
    expect(copy.status).toBe(503)
    hold.release()
    expect((await first).status).toBe(200)
    expect((await post(body)).status).toBe(200)
    expect(handled).toEqual([update.update_id])
    expect(api.textsTo(4_004)).toHaveLength(1)
  })

  it('handles the update again, given a claim given back because its handler failed', async () => {
    const gate = createUpdateGate({ prefix: 'test' })
    const first = await gate.claim(7)
    expect(first.status).toBe('claimed')
    expect((await gate.claim(7)).status).toBe('running')
    if (first.status === 'claimed') await first.release()
    const second = await gate.claim(7)
    expect(second.status).toBe('claimed')
    if (second.status === 'claimed') await second.done()
    expect((await gate.claim(7)).status).toBe('done')
  })

  it('wants the bearer token on /metrics and leaves /healthz open, given METRICS_TOKEN', async () => {
    const token = 'metrics-token-0123456789abcdef'
    const { get } = await start({ metricsToken: token })
    const refused = await get('/metrics')
    expect(refused.status).toBe(401)
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="metrics"')
    expect(await refused.text()).not.toContain('khulasa_')
    expect((await get('/metrics', { authorization: `Bearer ${token}x` })).status).toBe(401)
    expect((await get('/metrics', { authorization: token })).status).toBe(401)
    const allowed = await get('/metrics', { authorization: `Bearer ${token}` })
    expect(allowed.status).toBe(200)
    expect(await allowed.text()).toContain('khulasa_queue_depth')
    expect((await get('/healthz')).status).toBe(200)
  })

  it('answers the webhook and /healthz with 503 and /metrics with 200 within 2 s, logging Redis down once a minute, given Redis on a closed port and checks that never answer', async () => {
    const redis = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: null, retryStrategy: () => 100 })
    redis.on('error', () => {})
    void redis.connect().catch(() => {})
    const never = () => new Promise<never>(() => {})
    const { post, get, handled, log } = await start({ gate: createUpdateGate({ redis, prefix: 'test' }), health: { store: never, queue: never }, quiet: true })
    const post503 = async () => expect((await post(JSON.stringify(messageUpdate({ text: '/help', chatId: 4_005 })))).status).toBe(503)
    harness!.core.metrics.watchQueueDepth(never)
    try {
      for (let i = 0; i < 3; i++) await post503()
      const health = await get('/healthz')
      expect(health.status).toBe(503)
      expect(await health.json()).toEqual({ ok: false, store: 'down: no answer in 1000 ms', queue: 'down: no answer in 1000 ms' })
      const metrics = await get('/metrics')
      expect(metrics.status).toBe(200)
      expect(await metrics.text()).toContain('khulasa_updates_handled_total')
      expect(handled).toEqual([])
      harness!.clock.advance(61_000)
      await post503()
    }
    finally {
      redis.disconnect()
    }
    expect(log.lines().filter((l) => l.msg.startsWith('webhook: the update gate is unavailable')).map((l) => l.msg)).toEqual([
      'webhook: the update gate is unavailable (Redis is not connected); answering 503 so Telegram retries',
      'webhook: the update gate is unavailable (Redis is not connected); answering 503 so Telegram retries (2 more like this held back)',
    ])
  })

  it('serves Prometheus counters, given a handled update and a reply', async () => {
    const { base, post } = await start()
    await post(JSON.stringify(messageUpdate({ text: '/latest 1', chatId: 4_003 })))
    const text = await (await fetch(`${base}/metrics`)).text()
    expect(text).toContain('khulasa_updates_handled_total{type="message"} 1')
    expect(text).toContain('khulasa_messages_sent_total{method="sendMessage"} 1')
    expect(text).toContain('khulasa_telegram_refusals_total{code="429"} 0')
    expect(text).toMatch(/khulasa_summary_cache_total\{result="hit"\} [1-9]/)
    expect(text).toContain('khulasa_llm_tokens_total{kind="prompt"} 0')
    expect(text).toContain('khulasa_queue_depth 0')
  })
})

describe('webhook settings', () => {
  it('names the variable, given WEBHOOK_URL without a secret, over http, or a short secret', () => {
    const base = { STORAGE_URL: 'memory://' }
    // How a secret's value is shown (or hidden) is config's business; the name and the reason are what matter here.
    expect(() => loadConfig({ ...base, WEBHOOK_URL: 'https://bot.example.test/hook' })).toThrow(/^Invalid WEBHOOK_SECRET=.*: required when WEBHOOK_URL is set/)
    expect(() => loadConfig({ ...base, WEBHOOK_URL: 'http://bot.example.test/hook', WEBHOOK_SECRET: SECRET })).toThrow('Invalid WEBHOOK_URL="http://bot.example.test/hook": expected an https:// URL')
    expect(() => loadConfig({ ...base, WEBHOOK_URL: 'https://bot.example.test/hook', WEBHOOK_SECRET: 'short' })).toThrow(/^Invalid WEBHOOK_SECRET=.*: expected 16–256 characters/)
    expect(() => loadConfig({ ...base, REDIS_PREFIX: 'a:b' })).toThrow('Invalid REDIS_PREFIX="a:b"')
    expect(loadConfig({ ...base, WEBHOOK_URL: 'https://bot.example.test/hook', WEBHOOK_SECRET: SECRET, PORT: '0' })).toMatchObject({ PORT: 0, REDIS_PREFIX: 'khulasa' })
  })
})
