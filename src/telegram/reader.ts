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

/**
 * A date more than this old is said as a calendar date («30 نوفمبر 2015»; src/i18n/dates.ts: relative forms end at a
 * day), which depends only on the language, the zone, the instant and the reader's current year: never on the hour.
 */
const DATED_AFTER_MS = 2 * 24 * 3600_000
/** Every zone's year turns on a quarter hour (offsets are whole quarters), so within one quarter the current year is fixed. */
const QUARTER_MS = 15 * 60_000
const DATED_MAX = 5000
// Calendar dates said this quarter hour, by language, zone and instant: related lists and search results show the same
// older stories to every reader, and each costs three Intl formats (the date, and the year of the date and of now).
const dated = new Map<string, string>()
let datedQuarter = -1

/** When the story was published, or first seen when the source gave no date, as the reader says it. */
export function storyWhen(article: Pick<Article, 'publishedAt' | 'firstSeenAt'>, { t, now, timeZone }: Reader): string {
  const at = Date.parse(article.publishedAt ?? article.firstSeenAt)
  if (Number.isNaN(at)) return ''
  const nowMs = now.getTime()
  if (nowMs - at < DATED_AFTER_MS) return t.dates.story(new Date(at), now, timeZone)
  const quarter = Math.floor(nowMs / QUARTER_MS)
  if (quarter !== datedQuarter || dated.size >= DATED_MAX) {
    dated.clear()
    datedQuarter = quarter
  }
  const key = `${t.language}|${timeZone}|${at}`
  let said = dated.get(key)
  if (said === undefined) dated.set(key, said = t.dates.story(new Date(at), now, timeZone))
  return said
}
