import type { MiddlewareFn } from 'telegraf'
import type { BotContext } from './context.js'

/**
 * Commands from groups, supergroups and channels get one clear reply and go no further:
 * subscriptions and digests are per person, and a group would otherwise subscribe everyone in it.
 * A button pressed in a group is answered with the same words (an unanswered press keeps the
 * client spinning). Everything else (inline queries, private chats) passes on.
 */
export function privateOnly(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const chat = ctx.chat
    if (!chat || chat.type === 'private') return next()
    if (ctx.callbackQuery) return void await ctx.answerCbQuery(ctx.t.chat.privateOnly)
    const message = ctx.message ?? ctx.channelPost
    const text = message && 'text' in message ? message.text : undefined
    if (!text?.startsWith('/')) return
    ctx.log.info({ chatType: chat.type }, 'command outside a private chat refused')
    await ctx.reply(ctx.t.chat.privateOnly)
  }
}

/**
 * `/start@otherbot` is for another bot in the same group: not ours to answer, not even with
 * "private only" or "unknown command". Bot usernames are case-insensitive.
 */
export function otherBotsIgnored(): MiddlewareFn<BotContext> {
  return (ctx, next) => {
    const message = ctx.message ?? ctx.channelPost
    const text = message && 'text' in message ? message.text : undefined
    const addressee = text ? /^\/[^\s@]+@(\S+)/.exec(text)?.[1] : undefined
    if (addressee === undefined || addressee.toLowerCase() === ctx.me?.toLowerCase()) return next()
    ctx.log.debug({ addressee }, 'command for another bot ignored')
    return Promise.resolve()
  }
}
