import { Composer } from 'telegraf'
import type { BotContext } from '../src/telegram/context.js'

/** Last in the list: a command no handler took points to /help. */
export function unknownCommand() {
  return new Composer<BotContext>().on('message', async (ctx, next) => {
    if ('text' in ctx.message && ctx.message.text.startsWith('/')) return void await ctx.reply(ctx.t.errors.unknownCommand)
    return next()
  })
}
