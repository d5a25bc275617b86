import type { Telegraf } from 'telegraf'
import type { Core } from '../src/core.js'
import { unknownButton } from '../src/telegram/callback-data.js'
import type { BotContext } from '../src/telegram/context.js'
import { chain } from '../src/telegram/chain.js'
import { answerFailure } from '../src/telegram/failure.js'
import { privateOnly } from '../src/telegram/private-only.js'
import { digestHandler } from './digest.js'
import { feedsHandler } from './feeds.js'
import { followHandler } from './follow.js'
import { helpHandler } from './help.js'
import { inlineHandler } from './inline.js'
import { latestHandler } from './latest.js'
import { relatedHandler } from './related.js'
import { searchHandler } from './search.js'
import { startHandler } from './start.js'
import { statsHandler } from './stats.js'
import { storyHandler } from './story.js'
import { subscribeHandler } from './subscribe.js'
import { topicsHandler } from './topics.js'
import { unknownCommand } from './unknown-command.js'

/**
 * Every feature of the bot, in the order an update meets them: inline queries go to their one feature, commands
 * from groups are turned away, then each feature takes what is its own, and whatever nobody took gets a reply that says so.
 * The composition root (src/main.ts) calls this once on the bot createBot made.
 */
export function registerHandlers(bot: Telegraf<BotContext>, core: Core): void {
  bot.use(chain([
    // Only this feature answers inline queries, and each step after would pass them on: they stop here first.
    inlineHandler(core),
    privateOnly(),
    startHandler(core),
    helpHandler(),
    latestHandler(core),
    topicsHandler(core),
    followHandler(core),
    searchHandler(core),
    storyHandler(core),
    relatedHandler(core),
    subscribeHandler(core),
    digestHandler(core),
    statsHandler(core),
    feedsHandler(core),
    unknownButton(),
    unknownCommand(),
  ]))
  bot.catch(answerFailure(core.logger))
}
