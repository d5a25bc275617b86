import { Context } from 'telegraf'
import type { Logger } from '../logger.js'
import type { Messages } from '../i18n/messages.js'

/** What every handler can count on: a logger for this update and the user's language. */
export interface BotContext extends Context {
  log: Logger
  t: Messages
}
