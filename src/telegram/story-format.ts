import type { Article } from '../articles/types.js'
import type { Messages } from '../i18n/messages.js'
import { clip, isolate, safe } from './format.js'

const TITLE_MAX = 300

/** A seed file or corpus name stands for its outlet; unknown sources show as they are. */
export function outletName(source: string, t: Messages): string {
  const key = /\.txt$/i.test(source) ? 'page' : source.toLowerCase()
  return t.story.outlets[key] ?? source
}

/** Section · outlet (city) [+N outlets], as one line. */
export function storyMeta(article: Article, t: Messages): string {
  const outlet = outletName(article.source, t)
  const place = article.city ? ` (${article.city})` : ''
  const others = article.outlets.length > 1 ? ` ${t.story.moreOutlets(article.outlets.length - 1)}` : ''
  const parts = [article.section, `${outlet}${place}${others}`].filter(Boolean)
  return parts.join(' · ')
}

/** A story's headline as bold HTML, numbered when `index` is given (lists, digests). */
export function storyHeadline(title: string, t: Messages, index?: number, max = TITLE_MAX): string {
  const escaped = safe(clip(title, max))
  // In an English interface the Arabic headline is isolated so the list number stays on its side.
  const shown = t.language === 'ar' ? escaped : isolate(escaped)
  return `<b>${index === undefined ? '' : `${index}. `}${shown}</b>`
}

/** One story as HTML: numbered bold headline, summary, italic meta line. Every article string is escaped. */
export function formatStory(article: Article, summary: string | undefined, t: Messages, index?: number): string {
  return [
    storyHeadline(article.title, t, index),
    safe(summary ?? t.latest.noSummary),
    `<i>${safe(storyMeta(article, t))}</i>`,
  ].join('\n')
}
