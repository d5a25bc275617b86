import { afterEach, describe, expect, it } from 'vitest'
import { Composer } from 'telegraf'
import type { Core } from '../../src/core.js'
import { createBot } from '../../src/telegram/bot.js'
import type { BotContext } from '../../src/telegram/context.js'
import { TerminalTelegram, terminalContext } from '../../src/telegram/terminal-chat.js'
import { captureLogger, testCore } from '../helpers/core.js'
import { messageUpdate } from '../helpers/updates.js'

let core: Core | undefined
afterEach(async () => {
  await core?.close()
  core = undefined
})

const series = (text: string, name: string) => Number(text.split('\n').find((l) => l.startsWith(`${name} `))?.split(' ').pop())

describe('createBot', () => {
  it('counts each reply once and logs each update with its own id and chat, given ten updates through the terminal\'s one shared client', async () => {
    const { logger, lines } = captureLogger()
    core = await testCore({}, logger)
    const telegram = new TerminalTelegram(() => {}, false, () => new Date('2026-11-29T08:00:00Z'))
    const bot = createBot(core, { token: 'terminal', apiRoot: 'http://127.0.0.1:9', contextType: terminalContext(telegram), flood: false, pacing: false })
    bot.botInfo = { id: 1, is_bot: true, first_name: 'K', username: 'k_bot', can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: true }
    bot.use(new Composer<BotContext>().on('text', async (ctx) => {
      ctx.log.info('echo')
      await ctx.reply(ctx.t.language)
    }))
    const updates = Array.from({ length: 10 }, (_, i) => messageUpdate({ text: 'hello', chatId: 500 + i, languageCode: i % 2 ? 'en' : 'ar' }))
    for (const update of updates) await bot.handleUpdate(update)
    const text = await core.metrics.text()
    expect(series(text, 'khulasa_messages_sent_total{method="sendMessage"}')).toBe(10)
    expect(series(text, 'khulasa_updates_handled_total{type="message"}')).toBe(10)
    const echoes = lines().filter((l) => l.msg === 'echo')
    expect(echoes.map((l) => [l.update, l.chat, l.type])).toEqual(updates.map((u, i) => [u.update_id, 500 + i, 'message']))
    // Debug is on in the capture logger: every update is logged as handled, with its own bindings.
    expect(lines().filter((l) => l.msg === 'update handled').map((l) => l.chat)).toEqual(updates.map((_, i) => 500 + i))
  })
})
