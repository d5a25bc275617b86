import type { InlineKeyboardButton } from 'telegraf/types'
import type { Article } from '../articles/types.js'
import type { Messages } from '../i18n/messages.js'
import { callbackData } from './callback-data.js'
import { clip, isolate, safe, shortenAtWord } from './format.js'
import { storyWhen, type Reader } from './reader.js'

const TITLE_MAX = 300
/** Telegram clients show about this much of a full-width button on a phone. */
const BUTTON_TITLE_MAX = 44

/** A seed file or corpus name stands for its outlet; unknown sources show as they are. */
export function outletName(source: string, t: Messages): string {
  const key = /\.txt$/i.test(source) ? 'page' : source.toLowerCase()
  return t.story.outlets[key] ?? source
}

/** Outlet (city) and the count of other outlets: «الشرق الأوسط (الرياض) ومصدر آخر». */
export function storyOutlets(article: Article, t: Messages): string {
  const place = article.city ? ` (${article.city})` : ''
  const others = article.outlets.length > 1 ? ` ${t.story.moreOutlets(article.outlets.length - 1)}` : ''
  return `${outletName(article.source, t)}${place}${others}`
}

/** Date · section · outlets, as one line; the date only when a reader (and so a clock and a zone) is given. */
export function storyMeta(article: Article, t: Messages, reader?: Reader): string {
  return metaLine(article, t, reader ? storyWhen(article, reader) : '')
}

const metaLine = (article: Article, t: Messages, when: string) => [when, article.section, storyOutlets(article, t)].filter(Boolean).join(' · ')

/**
 * What a story renders to, kept per article object and interface language. The catalogue replaces an article
 * with a new object whenever it changes, so an edited or removed story is never served from here (and its entry
 * goes with it); the summary and the date line are kept with the text they were made from and made again when
 * that differs (a new summary, another zone, another day).
 */
interface Rendered {
  headline?: string
  title?: string
  summary?: { from: string | undefined, html: string }
  meta?: { when: string, html: string, dated: boolean, quarter: number, timeZone: string }
}
const rendered = new WeakMap<object, Record<string, Rendered>>()
const renderedOf = (article: object, language: string): Rendered => {
  let entry = rendered.get(article)
  if (!entry) rendered.set(article, entry = {})
  return entry[language] ??= {}
}

/** The story's headline as escaped HTML, cut at TITLE_MAX, isolated in an English interface (storyHeadline's inside). */
function headlineHtml(article: Article, t: Messages): string {
  const r = renderedOf(article, t.language)
  return r.headline ??= shownTitle(safe(clip(article.title, TITLE_MAX)), t)
}

/** The whole headline as escaped, bidi-safe HTML (related lists show it uncut). */
export function titleHtml(article: Article): string {
  const r = renderedOf(article, '')
  return r.title ??= safe(article.title)
}

/** Every zone's offset is a whole number of quarter hours: a story's calendar date can only change between them. */
const QUARTER_HOUR_MS = 15 * 60_000
/** Past its first day a story is shown by its date, which changes only with the reader's zone and year. */
const DATED_AFTER_MS = 2 * 86_400_000

/** The italic date · section · outlets line's HTML for this reader. */
export function storyMetaHtml(article: Article, reader: Reader): string {
  const r = renderedOf(article, reader.t.language)
  const now = reader.now.getTime()
  const quarter = Math.floor(now / QUARTER_HOUR_MS)
  // A dated story's line is the same for a zone all quarter hour long: no date formatting per reply.
  if (r.meta?.dated && r.meta.quarter === quarter && r.meta.timeZone === reader.timeZone) return r.meta.html
  const when = storyWhen(article, reader)
  const dated = now - Date.parse(article.publishedAt ?? article.firstSeenAt) >= DATED_AFTER_MS
  if (r.meta?.when !== when) r.meta = { when, html: safe(metaLine(article, reader.t, when)), dated, quarter, timeZone: reader.timeZone }
  else Object.assign(r.meta, { dated, quarter, timeZone: reader.timeZone })
  return r.meta.html
}

function summaryHtml(article: Article, summary: string | undefined, t: Messages): string {
  const r = renderedOf(article, t.language)
  if (!r.summary || r.summary.from !== summary) r.summary = { from: summary, html: safe(summary ?? t.latest.noSummary) }
  return r.summary.html
}

/** storyHeadline for a story in a list: the same HTML, its escaped title made once per story. */
export function listedHeadline(article: Article, t: Messages, index?: number): string {
  return `<b>${index === undefined ? '' : `${index}. `}${headlineHtml(article, t)}</b>`
}

const shownTitle = (escaped: string, t: Messages) => (t.language === 'ar' ? escaped : isolate(escaped))

/** A story's headline as bold HTML, numbered when `index` is given (lists, digests). */
export function storyHeadline(title: string, t: Messages, index?: number, max = TITLE_MAX): string {
  // In an English interface the Arabic headline is isolated so the list number stays on its side.
  const shown = shownTitle(safe(clip(title, max)), t)
  return `<b>${index === undefined ? '' : `${index}. `}${shown}</b>`
}

/** One story as HTML: numbered bold headline, summary, italic meta line with its date. Every article string is escaped. */
export function formatStory(article: Article, summary: string | undefined, reader: Reader, index?: number): string {
  return `${listedHeadline(article, reader.t, index)}\n${summaryHtml(article, summary, reader.t)}\n<i>${storyMetaHtml(article, reader)}</i>`
}

/** A button that opens the story view, named by its headline cut at a word: «2 · ولبنان يؤوي…». */
export function storyButton(article: Pick<Article, 'id' | 'title'>, n?: number): InlineKeyboardButton.CallbackButton {
  let button = buttons.get(article)
  if (!button || button.id !== article.id || button.from !== article.title) {
    button = { id: article.id, from: article.title, title: shortenAtWord(article.title, BUTTON_TITLE_MAX), data: callbackData({ kind: 'story', id: article.id }) }
    buttons.set(article, button)
  }
  return { text: n === undefined ? button.title : `${n} · ${button.title}`, callback_data: button.data }
}

/** Each story's button title and data, made once per article object (checked against its id and title). */
const buttons = new WeakMap<object, { id: string, from: string, title: string, data: string }>()
