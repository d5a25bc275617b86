import { afterEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { startWebhookServer, type WebhookServer } from '../../src/telegram/webhook.js'
import { createUpdateGate } from '../../src/telegram/update-gate.js'
import { startHarness, type Harness } from '../helpers/bot-harness.js'
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

async function start(health: Record<string, () => Promise<unknown>> = { store: async () => {} }) {
  harness = await startHarness()
  const { core, bot } = harness
  const handled: number[] = []
  server = await startWebhookServer({
    path: PATH,
    secret: SECRET,
    port: 0,
    host: '127.0.0.1',
    handleUpdate: async (update) => {
      handled.push(update.update_id)
      await bot.handleUpdate(update)
    },
    claim: createUpdateGate({ prefix: 'test' }),
    health,
    metrics: core.metrics,
    logger: core.logger,
  })
  const base = `http://127.0.0.1:${server.port}`
  const post = (body: string, headers: Record<string, string> = { 'x-telegram-bot-api-secret-token': SECRET }) =>
    fetch(`${base}${PATH}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } })
  return { base, post, handled, api: harness.api }
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
    const { base } = await start({ store: async () => {}, queue: async () => { throw new Error('connect ECONNREFUSED') } })
    const response = await fetch(`${base}/healthz`)
    expect(response.status).toBe(503)
    expect(await response.json()).toEqual({ ok: false, store: 'ok', queue: 'down: connect ECONNREFUSED' })
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
    expect(() => loadConfig({ ...base, WEBHOOK_URL: 'https://bot.example.test/hook' })).toThrow('Invalid WEBHOOK_SECRET="": required when WEBHOOK_URL is set')
    expect(() => loadConfig({ ...base, WEBHOOK_URL: 'http://bot.example.test/hook', WEBHOOK_SECRET: SECRET })).toThrow('Invalid WEBHOOK_URL="http://bot.example.test/hook": expected an https:// URL')
    expect(() => loadConfig({ ...base, WEBHOOK_URL: 'https://bot.example.test/hook', WEBHOOK_SECRET: 'short' })).toThrow('Invalid WEBHOOK_SECRET="short": expected 16–256 characters')
    expect(() => loadConfig({ ...base, REDIS_PREFIX: 'a:b' })).toThrow('Invalid REDIS_PREFIX="a:b"')
    expect(loadConfig({ ...base, WEBHOOK_URL: 'https://bot.example.test/hook', WEBHOOK_SECRET: SECRET, PORT: '0' })).toMatchObject({ PORT: 0, REDIS_PREFIX: 'khulasa' })
  })
})
