import type { Article } from '../articles/types.js'
import type { Messages } from '../i18n/messages.js'
import { fitSentence, splitSentences } from '../summarize/sentences.js'
import { TELEGRAM_TEXT_LIMIT, escapeHtml, safe } from '../telegram/format.js'
import { storyHeadline } from '../telegram/story-format.js'
import type { OutboundPart } from './outbound.js'

const HALF_LIFE_MS = 12 * 3600_000
const TITLE_MAX = 200
const LINE_MAX = 220
/** Regional news first for an Arabic news digest; the rest rank on recency and reach alone. */
const CATEGORY_WEIGHT: Record<string, number> = { middleEast: 0.15, internationalNews: 0.1, economy: 0.1 }
/** Each story already picked from a category lowers the next one from it: a digest is not eight football scores. */
const SAME_CATEGORY_PENALTY = 0.2

export interface RankedStory { article: Article, score: number, seenAt: number }

const storyTime = (a: Article) => Date.parse(a.publishedAt ?? a.firstSeenAt)

/**
 * Candidates for one filter set, best first. Recency is measured from the newest candidate,
 * so an archive replayed today ranks the same as live news.
 */
export function rankStories(candidates: Article[]): RankedStory[] {
  const newest = candidates.reduce((max, a) => Math.max(max, storyTime(a) || 0), 0)
  return candidates
    .map((article) => {
      const age = Math.max(0, newest - (storyTime(article) || 0))
      const recency = 0.5 ** (age / HALF_LIFE_MS)
      const reach = 0.25 * Math.log2(Math.max(1, article.outlets.length))
      const category = CATEGORY_WEIGHT[article.category ?? ''] ?? 0
      return { article, score: recency + reach + category, seenAt: Date.parse(article.firstSeenAt) }
    })
    .sort((a, b) => b.score - a.score || a.article.seq - b.article.seq)
}

/** At most `size` stories first seen after `after` and never sent before, best first, spread over categories. */
export function selectStories(ranked: RankedStory[], { after, exclude, size }: { after: number, exclude: ReadonlySet<string>, size: number }): Article[] {
  const picked: Article[] = []
  const perCategory = new Map<string, number>()
  const pool: RankedStory[] = []
  for (const s of ranked) {
    if (s.seenAt > after && !exclude.has(s.article.id)) pool.push(s)
    if (pool.length >= size * 4) break
  }
  while (picked.length < size && pool.length > 0) {
    let best = 0
    let bestScore = -Infinity
    pool.forEach((s, i) => {
      const score = s.score - SAME_CATEGORY_PENALTY * (perCategory.get(s.article.category ?? '') ?? 0)
      if (score > bestScore) [best, bestScore] = [i, score]
    })
    const [story] = pool.splice(best, 1)
    picked.push(story!.article)
    const key = story!.article.category ?? ''
    perCategory.set(key, (perCategory.get(key) ?? 0) + 1)
  }
  return picked
}

/** The first sentence of the summary, cut to one line. */
export function oneLine(summary: string | undefined): string | undefined {
  const first = summary ? splitSentences(summary)[0] : undefined
  return first ? fitSentence(first, LINE_MAX) : undefined
}

/**
 * The digest as Telegram messages: a header, then headline + one line per story, with a
 * row of buttons per story (related, more). Split only between stories, under 4096 characters,
 * each part carrying the buttons of its own stories.
 */
export function formatDigest(stories: Article[], summaries: (string | undefined)[], t: Messages, date: string, limit = TELEGRAM_TEXT_LIMIT): OutboundPart[] {
  const header = `<b>${escapeHtml(t.digest.header(date, stories.length))}</b>`
  const blocks = stories.map((article, i) => {
    const headline = storyHeadline(article.title, t, i + 1, TITLE_MAX)
    const line = oneLine(summaries[i])
    return line ? `${headline}\n${safe(line)}` : headline
  })
  const rows = stories.map((article, i) => [
    { text: t.digest.relatedButton(i + 1), callback_data: `dg:rel:${article.id}` },
    article.url ? { text: t.digest.moreButton(i + 1), url: article.url } : { text: t.digest.moreButton(i + 1), callback_data: `dg:more:${article.id}` },
  ])
  const parts: OutboundPart[] = []
  let text = header
  let keyboard: typeof rows = []
  blocks.forEach((block, i) => {
    if (text.length + 2 + block.length > limit && keyboard.length > 0) {
      parts.push({ text, parseMode: 'HTML', replyMarkup: { inline_keyboard: keyboard } })
      text = block
      keyboard = []
    }
    else text = `${text}\n\n${block}`
    keyboard.push(rows[i]!)
  })
  parts.push({ text, parseMode: 'HTML', ...(keyboard.length > 0 ? { replyMarkup: { inline_keyboard: keyboard } } : {}) })
  return parts
}
