import type { MiddlewareFn } from 'telegraf'
import type { BotContext } from './context.js'

/** Admin commands go on only for the ids in ADMIN_IDS; anyone else gets one reply, and the attempt is logged. */
export function adminsOnly(adminIds: readonly number[]): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (ctx.from && adminIds.includes(ctx.from.id)) return next()
    ctx.log.warn({ from: ctx.from?.id, command: ctx.text?.split(/\s/, 1)[0] }, 'admin command refused: not an admin')
    await ctx.reply(ctx.t.chat.adminsOnly)
  }
}
