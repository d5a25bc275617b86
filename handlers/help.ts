import { Composer } from 'telegraf'
import { escapeHtml } from '../src/telegram/format.js'
import type { BotContext } from '../src/telegram/context.js'

export function helpHandler() {
  return new Composer<BotContext>().help(async (ctx) => {
    const lines = ctx.t.commands.map(([, usage, description]) => `<code>${escapeHtml(usage)}</code> — ${escapeHtml(description)}`)
    await ctx.replyWithHTML([`<b>${escapeHtml(ctx.t.help.title)}</b>`, ...lines, '', escapeHtml(ctx.t.help.footer)].join('\n'))
  })
}
