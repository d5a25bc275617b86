import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Update } from 'telegraf/types'
import { messagesFor } from '../../src/i18n/messages.js'
import { BOT_USER } from '../helpers/fake-bot-api.js'
import { startHarness, type Harness } from '../helpers/bot-harness.js'
import { callbackUpdate, messageUpdate } from '../helpers/updates.js'

const ar = messagesFor('ar')
let h: Harness
beforeEach(async () => { h = await startHarness() })
afterEach(() => h.close())

const answers = () => h.api.callsTo('answerCallbackQuery').map((c) => c.payload.text)

describe('the bot in groups', () => {
  it('ignores commands addressed to another bot, in a group and in private, given /start@otherbot', async () => {
    await h.bot.handleUpdate(messageUpdate({ text: '/start@otherbot', chatId: -6_001, userId: 6_002, chatType: 'group' }))
    await h.bot.handleUpdate(messageUpdate({ text: '/latest@OtherBot 3', chatId: -6_001, userId: 6_002, chatType: 'supergroup' }))
    await h.bot.handleUpdate(messageUpdate({ text: '/start@otherbot', chatId: 6_002 }))
    expect(h.api.sent()).toEqual([])
    expect(await h.core.subscribers.get(6_002)).toBeUndefined()
  })

  it('still answers commands addressed to this bot, whatever the case of its name', async () => {
    await h.bot.handleUpdate(messageUpdate({ text: `/start@${BOT_USER.username.toUpperCase()}`, chatId: -6_003, userId: 6_004, chatType: 'group' }))
    expect(h.api.textsTo(-6_003)).toEqual([ar.chat.privateOnly])
    await h.bot.handleUpdate(messageUpdate({ text: `/help@${BOT_USER.username}`, chatId: 6_004 }))
    expect(h.api.textsTo(6_004)[0]).toMatch(new RegExp(`^${ar.help.title}\n`))
  })

  it('answers a button pressed in a group, and sends nothing to the group', async () => {
    const story = h.core.articles.latest(1)[0]!
    await h.bot.handleUpdate(callbackUpdate({ data: `art:${story.id}`, chatId: -6_005, userId: 6_006 }))
    expect(answers()).toEqual([ar.chat.privateOnly])
    expect(h.api.sent()).toEqual([])
  })

  it.each([
    ['empty data', ''],
    ['data over 64 bytes', `art:${'a'.repeat(80)}`],
    ['data in no form the bot builds', 'rel:../../etc/passwd'],
  ])('answers the press with "old or invalid", given %s', async (_, data) => {
    await h.bot.handleUpdate(callbackUpdate({ data, chatId: 6_007 }))
    expect(answers()).toEqual([ar.errors.invalidButton])
    expect(h.api.sent()).toEqual([])
  })

  it('answers buttons with no chat and no data, given a press on an inline message and a game button', async () => {
    const inline = callbackUpdate({ data: 'junk', chatId: 6_008 })
    const { message: _message, ...query } = inline.callback_query
    await h.bot.handleUpdate({ ...inline, callback_query: { ...query, inline_message_id: 'AAAA' } } as Update)
    const game = callbackUpdate({ data: '', chatId: 6_008 })
    const { data: _data, ...gameQuery } = game.callback_query
    await h.bot.handleUpdate({ ...game, callback_query: { ...gameQuery, game_short_name: 'x' } } as Update)
    expect(answers()).toEqual([ar.errors.invalidButton, ar.errors.invalidButton])
  })

  it('answers the press with the generic error, given a button whose handler fails', async () => {
    const story = h.core.articles.latest(1)[0]!
    // The handler's own answer fails (500) and the handler throws: the failure handler answers the press instead.
    h.api.failNext('answerCallbackQuery', h.api.serverError())
    await h.bot.handleUpdate(callbackUpdate({ data: `art:${story.id}`, chatId: 6_009 }))
    expect(h.api.callsTo('answerCallbackQuery').map((c) => c.errorCode ?? c.payload.text)).toEqual([500, ar.errors.generic])
  })
})
