import { Telegraf, TelegramError, type Context } from 'telegraf'
import { digestHandler } from '../../handlers/digest.js'
import { feedsHandler } from '../../handlers/feeds.js'
import { followHandler } from '../../handlers/follow.js'
import { inlineHandler } from '../../handlers/inline.js'
import { relatedHandler } from '../../handlers/related.js'
import { searchHandler } from '../../handlers/search.js'
import { topicsHandler } from '../../handlers/topics.js'
import { helpHandler } from '../../handlers/help.js'
import { latestHandler } from '../../handlers/latest.js'
import { startHandler } from '../../handlers/start.js'
import { storyHandler } from '../../handlers/story.js'
import { statsHandler } from '../../handlers/stats.js'
import { subscribeHandler } from '../../handlers/subscribe.js'
import type { Core } from '../core.js'
import { messagesFor } from '../i18n/messages.js'
import { unknownButton } from './callback-data.js'
import type { BotContext } from './context.js'
import { instrumentTelegram } from './instrument.js'
import { privateOnly } from './private-only.js'

export interface BotOptions {
  token: string
  apiRoot: string
  /** The terminal chat swaps in a context whose Telegram client prints instead of sending. */
  contextType?: new (...args: ConstructorParameters<typeof Context>) => Context
}

export function createBot(core: Core, { token, apiRoot, contextType }: BotOptions): Telegraf<BotContext> {
  const bot = new Telegraf<BotContext>(token, {
    telegram: { apiRoot },
    handlerTimeout: 60_000,
    ...(contextType ? { contextType: contextType as never } : {}),
  })
  // telegraf gives each update a Telegram client of its own; digests go through bot.telegram.
  instrumentTelegram(bot.telegram, core.metrics)

  bot.use(async (ctx, next) => {
    instrumentTelegram(ctx.telegram, core.metrics)
    ctx.t = messagesFor(ctx.from?.language_code)
    ctx.log = core.logger.child({ update: ctx.update.update_id, chat: ctx.chat?.id, type: ctx.updateType })
    const started = performance.now()
    try {
      await next()
    }
    finally {
      core.metrics.updateHandled(ctx.updateType, (performance.now() - started) / 1000)
    }
    ctx.log.debug({ ms: Math.round(performance.now() - started) }, 'update handled')
  })

  bot.use(
    privateOnly(),
    startHandler(core),
    helpHandler(),
    latestHandler(core),
    topicsHandler(core),
    followHandler(core),
    searchHandler(core),
    storyHandler(core),
    relatedHandler(core),
    inlineHandler(core),
    subscribeHandler(core),
    digestHandler(core),
    statsHandler(core),
    feedsHandler(core),
    unknownButton(),
  )

  bot.on('message', async (ctx, next) => {
    if ('text' in ctx.message && ctx.message.text.startsWith('/')) return void await ctx.reply(ctx.t.errors.unknownCommand)
    return next()
  })

  bot.catch(async (err, ctx) => {
    const log = ctx.log ?? core.logger
    if (err instanceof TelegramError && err.code === 403) {
      log.warn(`Telegram refused the reply: ${err.description}`)
      return
    }
    log.error({ err }, `update failed: ${(err as Error).message}`)
    if (err instanceof TelegramError) return
    // Inline queries have no chat to reply to; ctx.reply would throw there instead of rejecting.
    if (ctx.chat) await ctx.reply((ctx.t ?? messagesFor(undefined)).errors.generic).catch(() => {})
  })

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
