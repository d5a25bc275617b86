import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Telegram, TelegramError } from 'telegraf'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createBotApiClient, keepJson, type BotApiClient } from '../../src/telegram/bot-api-client.js'
import { startFakeBotApi, type FakeBotApi } from '../helpers/fake-bot-api.js'

/** A client wired as createBot wires it: telegraf's Telegram methods over the undici pool. */
function telegramOver(client: BotApiClient, api: { token: string, apiRoot: string }): Telegram {
  const telegram = new Telegram(api.token, { apiRoot: api.apiRoot } as never)
  telegram.callApi = client.callApi
  return telegram
}

describe('createBotApiClient', () => {
  let api: FakeBotApi
  let client: BotApiClient

  beforeEach(async () => {
    api = await startFakeBotApi()
    client = createBotApiClient({ apiRoot: api.apiRoot, token: api.token })
  })
  afterEach(async () => {
    await client.close()
    await api.close()
  })

  it('returns the call\'s result, given a message the Bot API accepts', async () => {
    const sent = await telegramOver(client, api).sendMessage(42, '<b>خبر</b> عاجل', { parse_mode: 'HTML' })
    expect(sent.text).toBe('خبر عاجل')
    expect(api.textsTo(42)).toEqual(['خبر عاجل'])
  })

  it('sends kept results as made, beside the rest of the payload, given an inline answer of keepJson items', async () => {
    const result = (id: string) => ({ type: 'article', id, title: `خبر ${id}`, input_message_content: { message_text: `<b>${id}</b>`, parse_mode: 'HTML' } })
    const results = [keepJson(result('a')), keepJson(result('b')), result('c')]
    await telegramOver(client, api).answerInlineQuery('q1', results as never, { cache_time: 60, next_offset: '20' })
    const [call] = api.callsTo('answerInlineQuery')
    expect(call!.ok).toBe(true)
    expect(call!.payload).toEqual({ inline_query_id: 'q1', results: [result('a'), result('b'), result('c')], cache_time: 60, next_offset: '20' })
    expect(Object.isFrozen(results[0])).toBe(true)
  })

  it('throws TelegramError with the code, description and retry_after, given a refusal', async () => {
    api.failNext('sendMessage', api.tooManyRequests(7))
    const err = await telegramOver(client, api).sendMessage(42, 'x').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(TelegramError)
    expect((err as TelegramError).code).toBe(429)
    expect((err as TelegramError).parameters?.retry_after).toBe(7)
    expect((err as TelegramError).on).toMatchObject({ method: 'sendMessage' })
  })

  it('throws TelegramError 400 naming the problem, given HTML the Bot API cannot parse', async () => {
    const err = await telegramOver(client, api).sendMessage(42, '<b>open', { parse_mode: 'HTML' }).catch((e: unknown) => e)
    expect((err as TelegramError).code).toBe(400)
    expect((err as TelegramError).description).toMatch(/can't parse entities/)
  })

  it('throws TelegramError with the HTTP status, given a 5xx', async () => {
    api.failNext('sendMessage', api.serverError())
    const err = await telegramOver(client, api).sendMessage(42, 'x').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(TelegramError)
    expect((err as TelegramError).code).toBe(500)
    expect((err as TelegramError).description).toBe('Internal Server Error')
  })

  it('gives up when the caller aborts, given an answer that never comes', async () => {
    const held = api.holdNext('sendMessage')
    const controller = new AbortController()
    const pending = telegramOver(client, api).callApi('sendMessage', { chat_id: 42, text: 'x' }, { signal: controller.signal as never })
    await held.arrived
    controller.abort()
    await expect(pending).rejects.toThrow(/abort/i)
    held.release()
    expect(api.textsTo(42)).toEqual([])
  })
})

describe('createBotApiClient paths', () => {
  let server: Server | undefined
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))

  it('keeps the root\'s path, given a Bot API server behind a prefix', async () => {
    const paths: string[] = []
    server = createServer((req, res) => {
      paths.push(req.url ?? '')
      req.resume()
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"result":true}'))
    })
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
    const root = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tg/`
    const client = createBotApiClient({ apiRoot: root, token: '1:abc' })
    await expect(client.callApi.call({} as Telegram, 'deleteWebhook', {})).resolves.toBe(true)
    await client.close()
    expect(paths).toEqual(['/tg/bot1:abc/deleteWebhook'])
  })
})
