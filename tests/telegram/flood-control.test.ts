import { afterEach, describe, expect, it } from 'vitest'
import { messagesFor } from '../../src/i18n/messages.js'
import { createBudgets } from '../../src/telegram/flood-control.js'
import { startHarness, type Harness } from '../helpers/bot-harness.js'
import { captureLogger } from '../helpers/core.js'
import { callbackUpdate, inlineQueryUpdate, messageUpdate } from '../helpers/updates.js'

const ar = messagesFor('ar')
let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

/** The production limits: a burst of 5 then 1/s in, one message a second per chat out. */
const PRODUCTION = { flood: { burst: 5, perSecond: 1 }, pacing: { perSecond: 30, perChatIntervalMs: 1000 } }

describe('createBudgets', () => {
  it('lets a burst of 5 through, then one notice, then silence until the bucket is full again, given a chat that keeps sending', () => {
    const budgets = createBudgets({ burst: 5, perSecond: 1 })
    const at = (ms: number) => budgets.take('chat:1', ms)
    expect([0, 10, 20, 30, 40].map(at)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass'])
    expect([50, 60, 500].map(at)).toEqual(['notice', 'drop', 'drop'])
    // One token back after a second: it passes, but the chat is not forgiven its notice yet.
    expect([1100, 1200].map(at)).toEqual(['pass', 'drop'])
    // Quiet long enough to fill the bucket: the next flood earns a notice again.
    expect([7000, 7001, 7002, 7003, 7004, 7005].map(at)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'notice'])
    expect(budgets.take('chat:2', 7005)).toBe('pass')
  })

  it('forgets chats whose bucket has refilled, given many chats that each sent once', () => {
    const budgets = createBudgets({ burst: 5, perSecond: 1 })
    for (let chat = 0; chat < 1000; chat++) budgets.take(`chat:${chat}`, 0)
    expect(budgets.size()).toBe(1000)
    budgets.take('chat:late', 10_000)
    expect(budgets.size()).toBe(1)
  })
})

describe('floodControl', () => {
  it('answers 50 × /latest 10 in 2 s with one notice and 6 paced replies, no 429 and no error, given a Bot API enforcing 1 msg/s per chat', async () => {
    const { logger, lines } = captureLogger()
    h = await startHarness({}, { logger, api: { rateLimits: { perChatPerSecond: 1 } }, limits: PRODUCTION })
    const { bot, api, clock } = h
    bot.botInfo = await bot.telegram.getMe()
    const chat = 4_001
    const handled: Promise<void>[] = []
    for (let i = 0; i < 50; i++) {
      handled.push(bot.handleUpdate(messageUpdate({ text: '/latest 10', chatId: chat })))
      clock.advance(40)
      await new Promise((resolve) => setImmediate(resolve))
    }
    await Promise.all(handled)
    const texts = api.textsTo(chat).map((t) => (t === ar.chat.slowDown ? 'notice' : t.split('\n', 1)[0]))
    // Five from the burst, the notice after the replies already owed, one more once a token came back at 1 s.
    expect(texts).toEqual([...Array(5).fill('📰 آخر خبرين'), 'notice', '📰 آخر خبرين'])
    expect(api.calls.filter((c) => !c.ok)).toEqual([])
    expect(api.rateLimitViolations).toBe(0)
    expect(lines().filter((l) => l.level >= 40)).toEqual([])
  }, 30_000)

  it('answers every button pressed past the budget and stays silent to inline queries, given a chat pressing and querying in a flood', async () => {
    h = await startHarness({}, { limits: { flood: { burst: 2, perSecond: 1 } } })
    const { bot, api } = h
    for (let i = 0; i < 4; i++) await bot.handleUpdate(callbackUpdate({ data: 'junk', chatId: 4_002 }))
    expect(api.callsTo('answerCallbackQuery').map((c) => c.payload.text)).toEqual([ar.errors.invalidButton, ar.errors.invalidButton, ar.chat.slowDown, ar.chat.slowDown])
    for (let i = 0; i < 4; i++) await bot.handleUpdate(inlineQueryUpdate({ query: '', userId: 4_003 }))
    expect(api.callsTo('answerInlineQuery')).toHaveLength(2)
    expect(api.textsTo(4_002)).toEqual([])
  })

  it('does not count chatter in a group, given messages that are not commands', async () => {
    h = await startHarness({}, { limits: { flood: { burst: 2, perSecond: 1 } } })
    for (let i = 0; i < 10; i++) await h.bot.handleUpdate(messageUpdate({ text: 'مرحباً', chatId: -4_004, userId: 4_005, chatType: 'group' }))
    await h.bot.handleUpdate(messageUpdate({ text: '/help', chatId: -4_004, userId: 4_005, chatType: 'group' }))
    expect(h.api.textsTo(-4_004)).toEqual([ar.chat.privateOnly])
  })
})

describe('reply pacing', () => {
  it('sends the reply again after retry_after, with one warning line and no stack, given a 429 from Telegram', async () => {
    const { logger, lines } = captureLogger()
    h = await startHarness({}, { logger })
    h.api.failNext('sendMessage', h.api.tooManyRequests(0))
    await h.bot.handleUpdate(messageUpdate({ text: '/help', chatId: 4_006 }))
    expect(h.api.callsTo('sendMessage').map((c) => c.errorCode ?? 200)).toEqual([429, 200])
    expect(h.api.textsTo(4_006)).toHaveLength(1)
    const warnings = lines().filter((l) => l.level >= 40)
    expect(warnings.map((l) => l.msg)).toEqual(['429 from Telegram on sendMessage: waiting 0 s, then sending it again'])
    expect(warnings[0]).not.toHaveProperty('err')
  })

  it('logs one line without a stack, given a 429 that outlasts every retry', async () => {
    const { logger, lines } = captureLogger()
    h = await startHarness({}, { logger, limits: { pacing: { perSecond: 30, perChatIntervalMs: 0, maxRetries: 1 } } })
    h.api.failNext('sendMessage', h.api.tooManyRequests(0), 2)
    await h.bot.handleUpdate(messageUpdate({ text: '/help', chatId: 4_007 }))
    expect(h.api.callsTo('sendMessage').map((c) => c.errorCode)).toEqual([429, 429])
    const errors = lines().filter((l) => l.level >= 50)
    expect(errors.map((l) => l.msg)).toEqual(['Telegram refused sendMessage: 429 Too Many Requests: retry after 0'])
    expect(errors[0]).not.toHaveProperty('err')
  })
})
