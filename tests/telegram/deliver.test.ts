import { createServer } from 'node:net'
import { Telegram } from 'telegraf'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { telegramDeliver } from '../../src/telegram/deliver.js'
import { startFakeBotApi, type FakeBotApi } from '../helpers/fake-bot-api.js'

let api: FakeBotApi
beforeEach(async () => { api = await startFakeBotApi() })
afterEach(() => api.close())

const deliverer = (options = {}) => telegramDeliver(new Telegram(api.token, { apiRoot: api.apiRoot }), options)
const part = { text: '<b>نشرة</b>', parseMode: 'HTML' as const }

describe('telegramDeliver', () => {
  it('sends the part as HTML without link previews and answers ok', async () => {
    expect(await deliverer()(5, part)).toEqual({ kind: 'ok' })
    expect(api.sent()[0]!.payload).toMatchObject({ chat_id: 5, parse_mode: 'HTML', link_preview_options: { is_disabled: true } })
    expect(api.sent()[0]!.payload.allow_paid_broadcast).toBeUndefined()
  })

  it('asks for paid broadcast, given allowPaidBroadcast', async () => {
    await deliverer({ allowPaidBroadcast: true })(5, part)
    expect(api.sent()[0]!.payload.allow_paid_broadcast).toBe(true)
  })

  it('classifies 429, 403, 400 and 5xx answers', async () => {
    api.failNext('sendMessage', api.tooManyRequests(7))
    expect(await deliverer()(5, part)).toEqual({ kind: 'retryAfter', seconds: 7 })
    api.blockChat(6)
    expect(await deliverer()(6, part)).toMatchObject({ kind: 'blocked' })
    expect(await deliverer()(5, { text: '<b>open', parseMode: 'HTML' })).toMatchObject({ kind: 'badRequest' })
    api.failNext('sendMessage', api.serverError())
    expect(await deliverer()(5, part)).toMatchObject({ kind: 'transient' })
  })

  it('calls a refused connection transient', async () => {
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as { port: number }
    await new Promise((resolve) => server.close(resolve))
    const deliver = telegramDeliver(new Telegram(api.token, { apiRoot: `http://127.0.0.1:${port}` }))
    expect(await deliver(5, part)).toMatchObject({ kind: 'transient' })
  })
})
