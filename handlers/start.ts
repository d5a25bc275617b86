import { Composer } from 'telegraf'
import type { Core } from '../src/core.js'
import type { BotContext } from '../src/telegram/context.js'

export function startHandler({ subscribers }: Pick<Core, 'subscribers'>) {
  return new Composer<BotContext>().start(async (ctx) => {
    const name = ctx.from.first_name
    const { already } = await subscribers.subscribe(ctx.chat.id, ctx.from.language_code ?? 'ar')
    ctx.log.info({ already }, already ? 'start from an active subscriber' : 'chat subscribed')
    await ctx.reply(already ? ctx.t.start.again(name) : ctx.t.start.greeting(name))
  })
}
