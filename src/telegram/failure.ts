import { TelegramError } from 'telegraf'
import { messagesFor } from '../i18n/messages.js'
import type { Logger } from '../logger.js'
import type { BotContext } from './context.js'

/**
 * The bot's last word on an update whose handler threw. Telegram's own refusals are one line
 * without a stack (a 403 is a user who blocked the bot, a 429 one retried until it gave up);
 * anything else is a bug, logged whole. The user hears that it failed: a pressed button is
 * answered so the client stops spinning, a chat gets a short reply, an inline query nothing.
 */
export function answerFailure(logger: Logger) {
  return async (err: unknown, ctx: BotContext): Promise<void> => {
    const log = ctx.log ?? logger
    if (err instanceof TelegramError) {
      if (err.code === 403) log.warn(`Telegram refused the reply: ${err.description}`)
      else log.error(`Telegram refused ${(err.on as { method?: string }).method ?? 'a call'}: ${err.code} ${err.description}`)
    }
    else log.error({ err }, `update failed: ${(err as Error).message}`)
    const t = ctx.t ?? messagesFor(ctx.from?.language_code)
    if (ctx.callbackQuery) return void await ctx.answerCbQuery(t.errors.generic).catch(() => {})
    if (err instanceof TelegramError) return
    // Inline queries have no chat to reply to; ctx.reply would throw there instead of rejecting.
    if (ctx.chat) await ctx.reply(t.errors.generic).catch(() => {})
  }
}
