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
  return [reader ? storyWhen(article, reader) : '', article.section, storyOutlets(article, t)].filter(Boolean).join(' · ')
}

/** A story's headline as bold HTML, numbered when `index` is given (lists, digests). */
export function storyHeadline(title: string, t: Messages, index?: number, max = TITLE_MAX): string {
  const escaped = safe(clip(title, max))
  // In an English interface the Arabic headline is isolated so the list number stays on its side.
  const shown = t.language === 'ar' ? escaped : isolate(escaped)
  return `<b>${index === undefined ? '' : `${index}. `}${shown}</b>`
}

/** One story as HTML: numbered bold headline, summary, italic meta line with its date. Every article string is escaped. */
export function formatStory(article: Article, summary: string | undefined, reader: Reader, index?: number): string {
  const { t } = reader
  return [
    storyHeadline(article.title, t, index),
    safe(summary ?? t.latest.noSummary),
    `<i>${safe(storyMeta(article, t, reader))}</i>`,
  ].join('\n')
}

/** A button that opens the story view, named by its headline cut at a word: «2 · ولبنان يؤوي…». */
export function storyButton(article: Pick<Article, 'id' | 'title'>, n?: number): InlineKeyboardButton.CallbackButton {
  const title = shortenAtWord(article.title, BUTTON_TITLE_MAX)
  return { text: n === undefined ? title : `${n} · ${title}`, callback_data: callbackData({ kind: 'story', id: article.id }) }
}
