import type { MiddlewareFn } from 'telegraf'
import type { BotContext } from './context.js'

/**
 * Commands from groups, supergroups and channels get one clear reply and go no further:
 * subscriptions and digests are per person, and a group would otherwise subscribe everyone in it.
 * Everything else (inline queries, private chats) passes on.
 */
export function privateOnly(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const chat = ctx.chat
    if (!chat || chat.type === 'private') return next()
    const message = ctx.message ?? ctx.channelPost
    const text = message && 'text' in message ? message.text : undefined
    if (!text?.startsWith('/')) return
    ctx.log.info({ chatType: chat.type }, 'command outside a private chat refused')
    await ctx.reply(ctx.t.chat.privateOnly)
  }
}
