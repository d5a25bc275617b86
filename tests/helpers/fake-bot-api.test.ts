import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Telegraf, Telegram, TelegramError } from 'telegraf'
import type { Update } from 'telegraf/types'
import { startFakeBotApi, tooManyRequests, type FakeBotApi } from './fake-bot-api.js'
import { apiClient, keyboard, type ApiReply } from './fake-bot-api/client.js'
import { callbackUpdate, messageUpdate } from './updates.js'

let api: FakeBotApi

beforeEach(async () => {
  api = await startFakeBotApi()
})

afterEach(async () => {
  await api.close()
})

const { call, send, sendHtml } = apiClient(() => api)
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

describe('fake Bot API', () => {
  it('surfaces a queued 429 as a TelegramError with retry_after, given a telegraf Telegram client', async () => {
    const telegram = new Telegram(api.token, { apiRoot: api.apiRoot })
    api.failNext('sendMessage', tooManyRequests(7))
    const error: unknown = await telegram.sendMessage(1001, 'مرحبا').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TelegramError)
    const telegramError = error as TelegramError
    expect(telegramError.code).toBe(429)
    expect(telegramError.description).toBe('Too Many Requests: retry after 7')
    expect(telegramError.parameters?.retry_after).toBe(7)
    const message = await telegram.sendMessage(1001, '<i>مرحبا</i>', { parse_mode: 'HTML' })
    expect(message.text).toBe('مرحبا')
    expect(api.callsTo('sendMessage').map((c) => c.ok)).toEqual([false, true])
  })

  it('reports server errors and HTML errors through telegraf, given serverError and bad markup', async () => {
    const telegram = new Telegram(api.token, { apiRoot: api.apiRoot })
    api.failNext('getMe', api.serverError(), 2)
    for (let i = 0; i < 2; i++) {
      await expect(telegram.getMe()).rejects.toMatchObject({ code: 500, description: 'Internal Server Error' })
    }
    expect((await telegram.getMe()).username).toBe('khulasa_test_bot')
    await expect(telegram.sendMessage(1001, 'a & b', { parse_mode: 'HTML' })).rejects.toMatchObject({
      code: 400,
      description: expect.stringContaining('Bad Request: can\'t parse entities:') as unknown,
    })
  })

  it('answers 403 for every send to a chat that blocked the bot, given blockChat', async () => {
    api.blockChat(1001)
    const blocked = await send('x')
    expect(blocked).toMatchObject({ ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' })
    expect((await call('sendMessage', { chat_id: '1001', text: 'y' })).error_code).toBe(403)
    expect((await call('sendMessage', { chat_id: 1002, text: 'z' })).ok).toBe(true)
    expect(api.textsTo(1001)).toEqual([])
    expect(api.textsTo(1002)).toEqual(['z'])
  })

  it('enforces a sliding one-second window, given a per-chat limit of 2', async () => {
    api.setRateLimits({ perChatPerSecond: 2 })
    expect((await send('1')).ok).toBe(true)
    await sleep(500)
    expect((await send('2')).ok).toBe(true)
    const limited = await send('3')
    expect(limited).toMatchObject({ ok: false, error_code: 429, parameters: { retry_after: 1 } })
    expect(limited.description).toBe('Too Many Requests: retry after 1')
    await sleep(600)
    // '1' has left the window but '2' has not, so exactly one more fits.
    expect((await send('4')).ok).toBe(true)
    expect((await send('5')).error_code).toBe(429)
    expect((await call('sendMessage', { chat_id: 2002, text: 'other chat' })).ok).toBe(true)
    expect(api.rateLimitViolations).toBe(2)
    expect(api.textsTo(1001)).toEqual(['1', '2', '4'])
  })

  it('enforces a global limit across chats, given the option at start', async () => {
    const limited = await startFakeBotApi({ rateLimits: { globalPerSecond: 3 } })
    try {
      const telegram = new Telegram(limited.token, { apiRoot: limited.apiRoot })
      const results = await Promise.allSettled([1, 2, 3, 4].map((chat) => telegram.sendMessage(chat, 'x')))
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected'])
      expect(limited.rateLimitViolations).toBe(1)
      // Chat actions are not flood-limited, so "typing…" does not eat the budget.
      expect(await telegram.sendChatAction(5, 'typing')).toBe(true)
    }
    finally {
      await limited.close()
    }
  })

  it('holds getUpdates until an update is pushed, given a long poll with a timeout', async () => {
    const poll = call('getUpdates', { offset: 0, timeout: 5 })
    await api.waitForHeldPolls()
    const pushed = api.pushUpdate(messageUpdate({ text: '/start' }))
    expect((await poll).result).toEqual([pushed])
    const next = await call('getUpdates', { offset: pushed.update_id + 1, timeout: 0 })
    expect(next.result).toEqual([])
    expect(api.callsTo('getUpdates')).toHaveLength(2)
  })

  it('answers an empty list when the poll times out or the fake closes, given no updates', async () => {
    expect((await call('getUpdates', { timeout: 1 })).result).toEqual([])
    const pending = call('getUpdates', { timeout: 30 })
    await api.waitForHeldPolls()
    await api.close()
    expect((await pending).result).toEqual([])
    api = await startFakeBotApi()
  })

  it('runs a telegraf bot in polling mode end to end, given a pushed /start', async () => {
    const bot = new Telegraf(api.token, { telegram: { apiRoot: api.apiRoot } })
    bot.start((ctx) => ctx.reply(`<b>أهلاً</b> ${ctx.from.first_name}`, { parse_mode: 'HTML' }))
    const launched = bot.launch()
    api.pushUpdate(messageUpdate({ text: '/start', chatId: 4242 }))
    await api.waitForCalls('sendMessage')
    bot.stop('test done')
    await launched
    expect(api.textsTo(4242)).toEqual(['أهلاً Test'])
    expect(api.callsTo('getMe')).toHaveLength(1)
    expect(api.callsTo('deleteWebhook')).toHaveLength(1)
  })

  it('rejects an identical edit and edits of unknown messages, given editMessageText', async () => {
    const sent = (await sendHtml('<b>أ</b>')).result as { message_id: number }
    const edit = (text: string, messageId = sent.message_id): Promise<ApiReply> =>
      call('editMessageText', { chat_id: 1001, message_id: messageId, text, parse_mode: 'HTML' })
    expect((await edit('<b>أ</b>')).description).toMatch(/^Bad Request: message is not modified: specified new message/)
    expect((await edit('<b>ب</b>')).ok).toBe(true)
    expect(api.messagesIn(1001).map((m) => m.text)).toEqual(['ب'])
    expect((await edit('x', 999)).description).toBe('Bad Request: message to edit not found')
    const seeded = api.seedMessage(1001, 'قديم', { replyMarkup: keyboard({ callback_data: 'a' }).reply_markup })
    const markup = await call('editMessageReplyMarkup', { chat_id: 1001, message_id: seeded.message_id })
    expect(markup.ok).toBe(true)
  })

  it('validates inline answers and callback answers, given too many, duplicate or oversized results', async () => {
    const article = (id: string, text = 'x'): Record<string, unknown> => ({
      type: 'article',
      id,
      title: 't',
      input_message_content: { message_text: text, parse_mode: 'HTML' },
    })
    const answer = (results: unknown[]): Promise<ApiReply> => call('answerInlineQuery', { inline_query_id: '1', results })
    expect((await answer([article('a'), article('b')])).ok).toBe(true)
    expect((await answer([article('a'), article('a')])).description).toBe('Bad Request: RESULT_ID_DUPLICATE')
    expect((await answer([article('ع'.repeat(33))])).description).toBe('Bad Request: RESULT_ID_INVALID')
    expect((await answer(Array.from({ length: 51 }, (_, i) => article(String(i))))).ok).toBe(false)
    expect((await answer([article('a', '<x>')])).description).toContain('can\'t parse entities')
    expect((await answer([article('a', 'y'.repeat(4097))])).description).toBe('Bad Request: message is too long')
    const tooLong = await call('answerCallbackQuery', { callback_query_id: '1', text: 'ن'.repeat(201) })
    expect(tooLong.description).toBe('Bad Request: MESSAGE_TOO_LONG')
  })

  it('speaks the Bot API envelope, given wrong tokens, unknown methods, GET and url-encoded requests', async () => {
    expect(await call('getMe', {}, '1:wrong')).toMatchObject({ ok: false, error_code: 401, description: 'Unauthorized' })
    expect(await call('sendPigeon')).toMatchObject({ error_code: 404, description: 'Not Found: method not found' })
    const viaGet = (await (await fetch(`${api.apiRoot}/bot${api.token}/getMe?x=1`)).json()) as ApiReply
    expect(viaGet.result).toEqual(expect.objectContaining({ id: 123456, is_bot: true, username: 'khulasa_test_bot' }))
    const form = new URLSearchParams({ chat_id: '-100200', text: 'نموذج', reply_markup: '{"inline_keyboard":[[{"text":"a","callback_data":"b"}]]}' })
    const res = await fetch(`${api.apiRoot}/bot${api.token}/sendMessage`, { method: 'POST', body: form })
    const viaForm = (await res.json()) as ApiReply
    expect(viaForm.result).toMatchObject({ chat: { id: -100200, type: 'group' }, text: 'نموذج' })
    expect(api.textsTo(-100200)).toEqual(['نموذج'])
  })

  it('builds updates telegraf can route, given a command and a callback', async () => {
    const update = messageUpdate({ text: '/ملخص اليوم' })
    expect(update.message.entities).toEqual([{ type: 'bot_command', offset: 0, length: 5 }])
    const bot = new Telegraf(api.token, { telegram: { apiRoot: api.apiRoot } })
    const seen: string[] = []
    bot.command('ملخص', (ctx) => void seen.push(`command:${ctx.payload}`))
    bot.action(/.+/, async (ctx) => {
      seen.push(`action:${ctx.match[0]}`)
      await ctx.answerCbQuery('تم')
    })
    const updates: Update[] = [update, callbackUpdate({ data: 'more:1' })]
    for (const u of updates) await bot.handleUpdate(u)
    expect(seen).toEqual(['command:اليوم', 'action:more:1'])
    expect(api.callsTo('answerCallbackQuery')[0]?.payload).toMatchObject({ text: 'تم' })
    expect(update.update_id).toBeLessThan(updates[1]!.update_id)
  })
})
