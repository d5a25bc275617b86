import { Context, Telegraf, type Telegram } from 'telegraf'
import type { Core } from '../core.js'
import { messagesFor, type Messages } from '../i18n/messages.js'
import type { Logger } from '../logger.js'
import { createBotApiClient } from './bot-api-client.js'
import type { BotContext } from './context.js'
import { DEFAULT_FLOOD_BUDGET, floodControl, type FloodBudget } from './flood-control.js'
import { createReplyPacing, type ReplyPacing } from './flood-pacing.js'
import { countedCallApi, instrumentTelegram } from './instrument.js'
import { otherBotsIgnored } from './private-only.js'

const OWNER = Symbol('the update this client answers')
type Owned = Telegram & { [OWNER]?: BotContext }

export interface BotOptions {
  token: string
  apiRoot: string
  /** The terminal chat swaps in a context whose Telegram client prints instead of sending. */
  contextType?: new (...args: ConstructorParameters<typeof Context>) => Context
  /** Each chat's inbound budget (default: a burst of 5, then 1 a second); false lets everything in (the terminal's one local user). */
  flood?: FloodBudget | false
  /** Outbound pacing of replies (default: one message a second per chat, no ceiling across chats); false leaves the client as it is (the terminal prints). */
  pacing?: Omit<ReplyPacing, 'now'> | false
}

/**
 * The bot and the middleware every update passes before any handler: its logger, language and
 * metrics, commands meant for other bots dropped, the flood budget and the per-chat order, and
 * replies paced. The handlers are registered by the composition root (handlers/index.ts).
 */
export function createBot(core: Core, options: BotOptions): Telegraf<BotContext> {
  const { token, apiRoot, contextType, flood = DEFAULT_FLOOD_BUDGET, pacing = { perChatIntervalMs: 1000 } } = options
  const { logger, metrics } = core
  const replies = pacing ? createReplyPacing(pacing) : undefined
  // Bot API calls over undici's pool; the terminal's client prints instead, so it keeps its own callApi.
  const transport = contextType ? undefined : createBotApiClient({ apiRoot, token }).callApi
  // One callApi for every update's client: counted, and paced when pacing is on. The update's context is
  // kept on its client, so a 429 is logged with the update's own logger.
  const updateCall = countedCallApi(metrics, replies
    ? (telegram, call, method, payload, extra) => replies.send(telegram, call, method, payload, extra, (telegram as Owned)[OWNER] ?? { log: logger })
    : undefined, transport)

  /**
   * Every update's context: its language, its Telegram client counted and paced, and its logger, made at first
   * use (most updates log nothing, and a child logger is built from its bindings). No closures per update.
   */
  const Base = (contextType ?? Context) as typeof Context
  class UpdateContext extends Base {
    t: Messages
    private childLog: Logger | undefined
    constructor(...args: ConstructorParameters<typeof Context>) {
      super(...args)
      this.t = messagesFor(this.from?.language_code)
      // The terminal's context swaps in its own client: it is this.telegram, not the one telegraf passed.
      this.telegram.callApi = updateCall
      ;(this.telegram as Owned)[OWNER] = this as unknown as BotContext
    }

    get log(): Logger {
      return this.childLog ??= logger.child({ update: this.update.update_id, chat: this.chat?.id, type: this.updateType })
    }

    set log(value: Logger) {
      this.childLog = value
    }
  }

  const bot = new Telegraf<BotContext>(token, {
    telegram: { apiRoot },
    handlerTimeout: 60_000,
    contextType: UpdateContext as never,
  })
  // telegraf gives each update a Telegram client of its own (see UpdateContext); digests go through bot.telegram.
  instrumentTelegram(bot.telegram, metrics, transport)

  // Not awaiting before next(): floodControl must see updates in the order they came (see there).
  bot.use(async (ctx, next) => {
    const started = performance.now()
    try {
      await next()
    }
    finally {
      const seconds = (performance.now() - started) / 1000
      metrics.updateHandled(ctx.updateType, seconds)
      if (logger.isLevelEnabled('debug')) ctx.log.debug({ ms: Math.round(seconds * 1000) }, 'update handled')
    }
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
