import type { Article } from '../articles/types.js'
import type { Core } from '../core.js'
import type { Messages } from '../i18n/messages.js'
import type { BotContext } from './context.js'

/** Who a message is written for: their language, their time zone, and the moment "ago" is counted from. */
export interface Reader {
  t: Messages
  now: Date
  timeZone: string
}

export type ReaderDeps = Pick<Core, 'profiles' | 'clock' | 'config'>

/**
 * The chat's own zone when it has set one (its profile's), else DEFAULT_TZ; inline queries have no chat, so the user's private chat.
 * A chat whose profile is in memory (or known to have none) reads no store.
 */
export async function readerOf(ctx: BotContext, { profiles, clock, config }: ReaderDeps): Promise<Reader> {
  const chatId = ctx.chat?.id ?? ctx.from?.id
  const known = chatId === undefined ? null : profiles.cached(chatId)
  const saved = known !== undefined ? known : await profiles.get(chatId!)
  return { t: ctx.t, now: clock.now(), timeZone: saved?.timeZone ?? config.DEFAULT_TZ }
}

/** When the story was published, or first seen when the source gave no date, as the reader says it. */
export function storyWhen(article: Pick<Article, 'publishedAt' | 'firstSeenAt'>, { t, now, timeZone }: Reader): string {
  const at = new Date(article.publishedAt ?? article.firstSeenAt)
  return Number.isNaN(at.getTime()) ? '' : t.dates.story(at, now, timeZone)
}
