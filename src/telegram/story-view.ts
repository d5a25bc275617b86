import type { InlineKeyboardButton } from 'telegraf/types'
import type { Article } from '../articles/types.js'
import { splitSentences } from '../summarize/sentences.js'
import { callbackData } from './callback-data.js'
import { escapeHtml, safe, TELEGRAM_TEXT_LIMIT } from './format.js'
import type { Reader } from './reader.js'
import { storyHeadline, storyMeta } from './story-format.js'

/** Room for the page's headline line and "2/5" on top of the text. */
const PAGE_HEADER_ROOM = 600
/** An inline query is at most 256 characters; the headline alone finds the story. */
const SHARE_QUERY_MAX = 200

type Keyboard = InlineKeyboardButton[][]

/** A story known only from another page's related list has a teaser at most, not a text worth paging through. */
export function hasFullText(article: Pick<Article, 'kind' | 'paragraphs'>): boolean {
  return article.kind === 'full' && article.paragraphs.length > 0
}

/** A single story: headline, date and outlets, the long summary, and buttons for the full text, related, source, share. */
export function storyView(article: Article, longSummary: string | undefined, reader: Reader): { text: string, keyboard: Keyboard } {
  const { t } = reader
  const body = article.kind === 'stub'
    ? [...article.paragraphs.slice(0, 1).map(safe), `<i>${escapeHtml(t.story.stubOnly)}</i>`]
    : [safe(longSummary ?? t.latest.noSummary)]
  const text = [
    storyHeadline(article.title, t),
    `<i>${safe(storyMeta(article, t, reader))}</i>`,
    '',
    ...body,
    '',
    `<code>${escapeHtml(t.related.storyId(article.id))}</code>`,
  ].join('\n')
  const first: InlineKeyboardButton[] = []
  if (hasFullText(article)) first.push({ text: t.story.fullText, callback_data: callbackData({ kind: 'text', id: article.id, page: 0, turn: false }) })
  first.push({ text: t.story.related, callback_data: callbackData({ kind: 'related', id: article.id }) })
  const second: InlineKeyboardButton[] = []
  if (article.url) second.push({ text: t.story.source, url: article.url })
  second.push({ text: t.story.share, switch_inline_query: article.title.slice(0, SHARE_QUERY_MAX) })
  return { text, keyboard: [first, second] }
}

/** The article's text as HTML pages under Telegram's limit, split between paragraphs (inside one only when it alone is too long). */
export function textPages(article: Pick<Article, 'paragraphs'>, limit = TELEGRAM_TEXT_LIMIT - PAGE_HEADER_ROOM): string[] {
  const pieces = article.paragraphs.flatMap((p) => splitLong(p.trim(), limit)).filter(Boolean).map(safe)
  const pages: string[] = []
  let current = ''
  for (const piece of pieces) {
    if (current && current.length + 2 + piece.length > limit) {
      pages.push(current)
      current = piece
    }
    else current = current ? `${current}\n\n${piece}` : piece
  }
  if (current) pages.push(current)
  return pages
}

/** One page of the full text with its headline, page number and previous/next buttons; undefined past the end. */
export function textPage(article: Article, page: number, reader: Reader): { text: string, keyboard: Keyboard } | undefined {
  const pages = textPages(article)
  const body = pages[page]
  if (body === undefined) return undefined
  const { t } = reader
  const nav: InlineKeyboardButton[] = []
  if (page > 0) nav.push({ text: t.search.previous, callback_data: callbackData({ kind: 'text', id: article.id, page: page - 1, turn: true }) })
  if (page + 1 < pages.length) nav.push({ text: t.search.next, callback_data: callbackData({ kind: 'text', id: article.id, page: page + 1, turn: true }) })
  const header = pages.length > 1 ? `${storyHeadline(article.title, t, undefined, 200)}\n<i>${escapeHtml(t.story.page(page + 1, pages.length))}</i>` : storyHeadline(article.title, t, undefined, 200)
  // A headline full of escaped characters could push a full page over the limit: then the page goes without it.
  const text = `${header}\n\n${body}`.length <= TELEGRAM_TEXT_LIMIT ? `${header}\n\n${body}` : body
  return { text, keyboard: nav.length > 0 ? [nav] : [] }
}

/** A paragraph over the limit, split between sentences, or between words when one sentence is too long. */
function splitLong(paragraph: string, limit: number): string[] {
  // Escaping can lengthen text (& → &amp;): leave room for it.
  const budget = Math.floor(limit * 0.8)
  if (paragraph.length <= budget) return [paragraph]
  const parts: string[] = []
  let current = ''
  const push = (unit: string, joiner: string) => {
    if (current && current.length + joiner.length + unit.length > budget) {
      parts.push(current)
      current = unit
    }
    else current = current ? `${current}${joiner}${unit}` : unit
  }
  for (const sentence of splitSentences(paragraph)) {
    if (sentence.length <= budget) push(sentence, ' ')
    else for (const word of sentence.split(/\s+/)) push(word.slice(0, budget), ' ')
  }
  if (current) parts.push(current)
  return parts
}
