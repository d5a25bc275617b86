import { afterEach, describe, expect, it } from 'vitest'
import { messagesFor } from '../../src/i18n/messages.js'
import { createBot } from '../../src/telegram/bot.js'
import { startPolling, TokenRefusedError, type Polling } from '../../src/telegram/polling.js'
import { startHarness, type Harness } from '../helpers/bot-harness.js'
import { captureLogger } from '../helpers/core.js'
import { freePort, waitFor } from '../scale/redis-helpers.js'
import { messageUpdate } from '../helpers/updates.js'
import { startFeedServer, fixture, type FeedServer } from '../feeds/feed-server.js'

const BACKOFF = { firstMs: 10, maxMs: 40 }
let harness: Harness | undefined
let polling: Polling | undefined
let feeds: FeedServer | undefined

afterEach(async () => {
  polling?.stop()
  await polling?.done.catch(() => {})
  await harness?.close()
  await feeds?.close()
  polling = undefined
  harness = undefined
  feeds = undefined
})

const ar = messagesFor('ar')

describe('startPolling', () => {
  it('retries with one warning per failure and answers afterwards, given 5xx, a 409 and a 429 from getUpdates', async () => {
    harness = await startHarness()
    const { api, bot } = harness
    api.failNext('getUpdates', api.serverError(), 2)
    api.failNext('getUpdates', { code: 409, description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running' })
    api.failNext('getUpdates', api.tooManyRequests(0))
    // The log has no secrets to scrub: the lines themselves must not carry the token.
    const { logger, lines, text } = captureLogger()
    polling = startPolling(bot, { logger, backoff: BACKOFF })
    api.pushUpdate(messageUpdate({ text: '/help', chatId: 5_101 }))
    await api.waitForCalls('sendMessage', 1, 10_000)
    expect(api.textsTo(5_101)).toHaveLength(1)
    expect(lines().filter((l) => l.level === 40).map((l) => l.msg)).toEqual([
      'getUpdates failed: 500 Internal Server Error; retrying in 10 ms',
      'getUpdates failed: 500 Internal Server Error; retrying in 20 ms',
      'getUpdates failed: 409 Conflict: terminated by other getUpdates request; make sure that only one bot instance is running (another instance is polling with this token, or a webhook is set); retrying in 40 ms',
      'getUpdates failed: 429 Too Many Requests: retry after 0; retrying in 0 ms',
    ])
    expect(lines().some((l) => l.msg === 'Bot API answers again (getUpdates) after 4 failed call(s)')).toBe(true)
    expect(text()).not.toContain(api.token)
  })

  it('keeps retrying without a crash or the token in a line, and stops cleanly, given a Bot API on a closed port', async () => {
    const token = '123456:SECRETTOKEN-never-logged'
    const bot = createBot((harness = await startHarness()).core, { token, apiRoot: `http://127.0.0.1:${await freePort()}` })
    const { logger, lines, text } = captureLogger()
    polling = startPolling(bot, { logger, backoff: BACKOFF })
    await waitFor(() => lines().length >= 4, 10_000, 'four failed calls')
    polling.stop()
    await expect(polling.done).resolves.toBeUndefined()
    expect(lines()[0]!.msg).toBe('getMe failed: ECONNREFUSED (Bot API unreachable); retrying in 10 ms')
    expect(new Set(lines().map((l) => l.level))).toEqual(new Set([40]))
    expect(text()).not.toContain('SECRETTOKEN')
  })

  it('stops with a clear error, given a token Telegram refuses', async () => {
    harness = await startHarness()
    const bot = createBot(harness.core, { token: '999999:WRONG-token-for-this-api', apiRoot: harness.api.apiRoot })
    const { logger } = captureLogger()
    polling = startPolling(bot, { logger, backoff: BACKOFF })
    await expect(polling.done).rejects.toThrow(TokenRefusedError)
    await expect(polling.done).rejects.toThrow('Telegram refused TELEGRAM_BOT_TOKEN (401 Unauthorized) at getMe')
  })

  it('answers another chat\'s /help while an admin\'s /addfeed waits on a slow feed, and reports the feed after, given a feed server that holds its answer', async () => {
    const ADMIN = 5_301
    let release!: () => void
    const released = new Promise<void>((resolve) => { release = resolve })
    let arrived!: () => void
    const fetching = new Promise<void>((resolve) => { arrived = resolve })
    let holding = false
    feeds = await startFeedServer({
      // Stands for a feed that takes 10 s: it answers when the test says so.
      '/held.xml': async (_req, res, base) => {
        holding = true
        arrived()
        await released
        holding = false
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(fixture('rss-2.0.xml', base))
      },
    })
    harness = await startHarness({ ADMIN_IDS: String(ADMIN), FEEDS_FILE: '/nonexistent/feeds.json', FEED_TIMEOUT_MS: '20000', FEEDS_ALLOW_PRIVATE: 'true' }, { seed: false })
    const { api, bot } = harness
    polling = startPolling(bot, { logger: captureLogger().logger, backoff: BACKOFF })
    api.pushUpdate(messageUpdate({ text: `/addfeed ${feeds.url('/held.xml')} slow`, chatId: ADMIN }))
    await fetching
    await api.waitForCalls('sendMessage', 1, 10_000)
    expect(api.textsTo(ADMIN)).toEqual([ar.feeds.checking('slow')])

    api.pushUpdate(messageUpdate({ text: '/help', chatId: 5_302 }))
    await api.waitForCalls('sendMessage', 2, 10_000)
    expect(api.textsTo(5_302)[0]).toMatch(new RegExp(`^${ar.help.title}\n`))
    // Answered while the feed server still holds the admin's fetch.
    expect(holding).toBe(true)
    expect(api.textsTo(ADMIN)).toHaveLength(1)

    release()
    await api.waitForCalls('sendMessage', 3, 10_000)
    expect(api.textsTo(ADMIN)[1]).toMatch(/^✅ أُضيفت الخلاصة «slow»/)
  })

  it('keeps one chat\'s replies in the order of its messages while another chat goes on, given the first reply held by the Bot API', async () => {
    harness = await startHarness({}, { seed: false })
    const { api, bot } = harness
    polling = startPolling(bot, { logger: captureLogger().logger, backoff: BACKOFF })
    const held = api.holdNext('sendMessage')
    api.pushUpdate(messageUpdate({ text: '/help', chatId: 5_401 }))
    await held.arrived
    api.pushUpdate(messageUpdate({ text: '/nonsense', chatId: 5_401 }))
    api.pushUpdate(messageUpdate({ text: '/nonsense', chatId: 5_402 }))
    await api.waitForCalls('sendMessage', 1, 10_000)
    // The other chat was answered; this chat's second message waits behind its first.
    expect(api.textsTo(5_402)).toEqual([ar.errors.unknownCommand])
    expect(api.callsTo('sendMessage').map((c) => c.payload.chat_id)).toEqual([5_402])
    held.release()
    await api.waitForCalls('sendMessage', 3, 10_000)
    const chat = api.textsTo(5_401)
    expect(chat).toHaveLength(2)
    expect(chat[1]).toBe(ar.errors.unknownCommand)
  })
})
