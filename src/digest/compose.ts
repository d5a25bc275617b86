import { storyTime, type Article } from '../articles/types.js'
import { fitSentence, splitSentences } from '../summarize/sentences.js'
import type { Summary } from '../summarize/summary-store.js'

const HALF_LIFE_MS = 12 * 3600_000
const LINE_MAX = 220
/** Regional news first for an Arabic news digest; the rest rank on recency and reach alone. */
const CATEGORY_WEIGHT: Record<string, number> = { middleEast: 0.15, news: 0.15, internationalNews: 0.1, economy: 0.1 }
/** Each story already picked from a category lowers the next one from it: a digest is not eight football scores. */
const SAME_CATEGORY_PENALTY = 0.2

export interface RankedStory { article: Article, score: number, seenAt: number }

/**
 * Candidates for one filter set, best first. Recency is measured from the newest candidate,
 * so an archive replayed today ranks the same as live news.
 */
export function rankStories(candidates: Article[]): RankedStory[] {
  const newest = candidates.reduce((max, a) => Math.max(max, storyTime(a)), 0)
  return candidates
    .map((article) => {
      const age = Math.max(0, newest - storyTime(article))
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

/** The digest's line for a story: the summarizer's own whole-sentence digest line, else (an empty one) the first sentence of the short summary. */
export function digestLine(summary: Summary | undefined): string | undefined {
  return summary?.digest?.trim() ? summary.digest : oneLine(summary?.short)
}

/** The first sentence of the summary, cut to one line. */
export function oneLine(summary: string | undefined): string | undefined {
  const first = summary ? splitSentences(summary)[0] : undefined
  return first ? fitSentence(first, LINE_MAX) : undefined
}
