import type { Article } from '../articles/types.js'
import type { Messages } from '../i18n/messages.js'
import { isolate, safe } from './format.js'

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

/** One story as HTML: numbered bold headline, summary, italic meta line. Every article string is escaped. */
export function formatStory(article: Article, summary: string | undefined, t: Messages, index?: number): string {
  const title = article.title.length > TITLE_MAX ? `${article.title.slice(0, TITLE_MAX - 1)}…` : article.title
  // In an English interface the Arabic headline is isolated so the list number stays on its side.
  const shownTitle = t.language === 'ar' ? safe(title) : isolate(safe(title))
  const number = index === undefined ? '' : `${index}. `
  return [
    `<b>${number}${shownTitle}</b>`,
    safe(summary ?? t.latest.noSummary),
    `<i>${safe(storyMeta(article, t))}</i>`,
  ].join('\n')
}
