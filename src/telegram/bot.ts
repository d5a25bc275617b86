import { Telegraf, type Context } from 'telegraf'
import type { Core } from '../core.js'
import { messagesFor } from '../i18n/messages.js'
import type { BotContext } from './context.js'
import { DEFAULT_FLOOD_BUDGET, floodControl, type FloodBudget } from './flood-control.js'
import { createReplyPacing, type ReplyPacing } from './flood-pacing.js'
import { instrumentTelegram } from './instrument.js'
import { otherBotsIgnored } from './private-only.js'

/**
 * A ceiling on replies across all chats. Telegram's 30 a second is for bulk notices (digests keep to it
 * through SEND_RATE); a reply answers a user, and what Telegram enforces there is one message a second per chat.
 */
const REPLIES_PER_SECOND = 1000

export interface BotOptions {
  token: string
  apiRoot: string
  /** The terminal chat swaps in a context whose Telegram client prints instead of sending. */
  contextType?: new (...args: ConstructorParameters<typeof Context>) => Context
  /** Each chat's inbound budget (default: a burst of 5, then 1 a second); false lets everything in (the terminal's one local user). */
  flood?: FloodBudget | false
  /** Outbound pacing of replies (default: one message a second per chat); false leaves the client as it is (the terminal prints). */
  pacing?: Omit<ReplyPacing, 'now'> | false
}

/**
 * The bot and the middleware every update passes before any handler: its logger, language and
 * metrics, commands meant for other bots dropped, the flood budget and the per-chat order, and
 * replies paced. The handlers are registered by the composition root (handlers/index.ts).
 */
export function createBot(core: Core, options: BotOptions): Telegraf<BotContext> {
  const { token, apiRoot, contextType, flood = DEFAULT_FLOOD_BUDGET, pacing = { perSecond: REPLIES_PER_SECOND, perChatIntervalMs: 1000 } } = options
  const bot = new Telegraf<BotContext>(token, {
    telegram: { apiRoot },
    handlerTimeout: 60_000,
    ...(contextType ? { contextType: contextType as never } : {}),
  })
  // telegraf gives each update a Telegram client of its own; digests go through bot.telegram.
  instrumentTelegram(bot.telegram, core.metrics)
  const replies = pacing ? createReplyPacing(pacing) : undefined

  // Not async: floodControl must see updates in the order they came (see there).
  bot.use((ctx, next) => {
    instrumentTelegram(ctx.telegram, core.metrics)
    ctx.t = messagesFor(ctx.from?.language_code)
    ctx.log = core.logger.child({ update: ctx.update.update_id, chat: ctx.chat?.id, type: ctx.updateType })
    replies?.wrap(ctx.telegram, ctx.log)
    const started = performance.now()
    return next().finally(() => {
      const seconds = (performance.now() - started) / 1000
      core.metrics.updateHandled(ctx.updateType, seconds)
      ctx.log.debug({ ms: Math.round(seconds * 1000) }, 'update handled')
    })
  })
  bot.use(otherBotsIgnored(), floodControl({ clock: core.clock, budget: flood }))
  return bot
}

/** The command menu Telegram shows, in Arabic by default and in English for English clients. */
export async function publishCommands(bot: Telegraf<BotContext>) {
  for (const lang of ['ar', 'en'] as const) {
    const t = messagesFor(lang)
    const commands = t.commands.map(([command, , description]) => ({ command, description: description.slice(0, 256) }))
    await bot.telegram.setMyCommands(commands, lang === 'ar' ? {} : { language_code: lang })
  }
}
