import { Readable } from 'node:stream'
import { Markup, Telegraf } from 'telegraf'
import { describe, expect, it } from 'vitest'
import type { BotContext } from '../../src/telegram/context.js'
import { htmlToTerminal, runTerminalChat, TerminalTelegram, terminalContext } from '../../src/telegram/terminal-chat.js'

function terminalBot() {
  let out = ''
  const telegram = new TerminalTelegram((text) => { out += text }, false, () => new Date('2026-11-29T08:00:00Z'))
  const bot = new Telegraf<BotContext>('terminal', { contextType: terminalContext(telegram) as never })
  bot.command('menu', (ctx) => ctx.replyWithHTML('<b>اختر</b> &amp; تابع', Markup.inlineKeyboard([Markup.button.callback('أوروبا', 'topic:europe'), Markup.button.callback('رياضة', 'topic:sport')])))
  bot.action(/^topic:(.+)$/, async (ctx) => {
    await ctx.answerCbQuery()
    await ctx.reply(`picked ${ctx.match[1]}`)
  })
  bot.on('text', (ctx) => ctx.reply(`echo ${ctx.message.text} (${ctx.from.language_code})`))
  return { bot, telegram, out: () => out }
}

describe('terminal chat', () => {
  it('prints replies as text with numbered buttons, and a number presses one, given piped input', async () => {
    const { bot, telegram, out } = terminalBot()
    await runTerminalChat(bot, telegram, { languageCode: 'en', input: Readable.from(['/menu\n', '2\n', 'hello\n']), write: () => {} })
    expect(out()).toBe('اختر & تابع\n[1] أوروبا   [2] رياضة\n\npicked sport\n\necho hello (en)\n\n')
  })

  it('turns Telegram HTML into plain text, given tags and entities', () => {
    expect(htmlToTerminal('<b>عنوان</b>\n<i>&lt;قسم&gt; &quot;x&quot; &amp;</i>', false)).toBe('عنوان\n<قسم> "x" &')
  })
})
