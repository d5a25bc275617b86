import type { ArticleStore } from '../articles/article-store.js'
import type { Article } from '../articles/types.js'
import { analyze } from './analyzer.js'
import { LEAD_PARAGRAPHS, type SearchIndex } from './search-index.js'

const QUERY_TERMS = 20
const CANDIDATES = 40
const MIN_SCORE = 0.08
/** Stories this many days apart weigh half as much: the same story is usually followed within days. */
const HALF_WEIGHT_DAYS = 10
/** Jaccard overlap of title + lead stems above which two stories are one story (paraphrased wire copy scores ~0.9). */
const NEAR_DUPLICATE = 0.6
export const RELATED_LIMIT = 10

export interface RelatedItem {
  id: string
  /** The publisher linked it on the page, rather than the engine finding it. */
  fromPublisher: boolean
  /** Outlets that carried this story, near-duplicates included. */
  outlets: number
}

export interface RelatedList { items: RelatedItem[], duplicatesOfSource: number }

export type RelatedFinder = ReturnType<typeof createRelatedFinder>

/**
 * Related stories: the publisher's own links first, then "more like this" over title + lead, preferring stories
 * close in time, with near-duplicates (the same story from several outlets) shown once with their outlet count.
 * Lists are computed once per article (at ingest, in the background) and kept, so a request is a map lookup.
 */
export function createRelatedFinder({ articles, index }: { articles: Pick<ArticleStore, 'get'>, index: SearchIndex }) {
  const cache = new Map<string, RelatedList>()

  function moreLikeThis(article: Article, exclude: Set<string>): { id: string, score: number }[] {
    const info = index.get(article.id)
    if (!info) return []
    // Title stems count most, then the lead; later paragraphs name the wider subject. Candidates match on title + lead.
    const weights = new Map<string, number>()
    const add = (text: string, w: number) => { for (const stem of analyze(text)) weights.set(stem, (weights.get(stem) ?? 0) + w) }
    add(article.title, 2)
    add(article.paragraphs.slice(0, LEAD_PARAGRAPHS).join(' '), 1)
    add(article.paragraphs.slice(LEAD_PARAGRAPHS).join(' '), 0.5)
    const ranked = [...weights].map(([stem, w]) => [stem, Math.log(1 + w) * index.idf(stem)] as const).sort((a, b) => b[1] - a[1]).slice(0, QUERY_TERMS)
    const total = ranked.reduce((sum, [, w]) => sum + w, 0) || 1
    const when = timeOf(article)
    const scored: { id: string, score: number }[] = []
    for (const id of index.searchStems(ranked.map(([stem]) => stem), CANDIDATES)) {
      if (exclude.has(id)) continue
      const other = index.get(id)
      const candidate = articles.get(id)
      if (!other || !candidate) continue
      let shared = 0
      for (const [stem, w] of ranked) if (other.stems.has(stem)) shared += w
      const days = Math.abs(when - timeOf(candidate)) / 86_400_000
      // Long leads match more terms by chance; a square-root length norm lets short stubs compete.
      const score = (shared / total) / Math.sqrt(Math.max(1, other.stems.size / 20)) / (1 + days / HALF_WEIGHT_DAYS)
      if (shared / total >= MIN_SCORE) scored.push({ id, score })
    }
    return scored.sort((a, b) => b.score - a.score)
  }

  function compute(id: string): RelatedList | undefined {
    const article = articles.get(id)
    if (!article) return undefined
    const clusters: { id: string, outlets: Set<string>, fromPublisher: boolean }[] = []
    const sourceOutlets = new Set(article.outlets)
    let duplicatesOfSource = 0
    const place = (candidate: Article, fromPublisher: boolean) => {
      if (nearDuplicate(index, article.id, candidate.id)) {
        duplicatesOfSource++
        for (const o of candidate.outlets) sourceOutlets.add(o)
        return
      }
      const cluster = clusters.find((c) => nearDuplicate(index, c.id, candidate.id))
      if (cluster) for (const o of candidate.outlets) cluster.outlets.add(o)
      else clusters.push({ id: candidate.id, outlets: new Set(candidate.outlets), fromPublisher })
    }
    const linked = article.related.map((rid) => articles.get(rid)).filter((a): a is Article => a !== undefined)
    for (const a of linked) clusters.push({ id: a.id, outlets: new Set(a.outlets), fromPublisher: true })
    const exclude = new Set([article.id, ...linked.map((a) => a.id)])
    for (const { id: other } of moreLikeThis(article, exclude)) {
      if (clusters.length >= RELATED_LIMIT) break
      const candidate = articles.get(other)
      if (candidate) place(candidate, false)
    }
    return {
      items: clusters.slice(0, RELATED_LIMIT).map((c) => ({ id: c.id, fromPublisher: c.fromPublisher, outlets: c.outlets.size })),
      duplicatesOfSource,
    }
  }

  return {
    get(id: string): RelatedList | undefined {
      const hit = cache.get(id)
      if (hit) return hit
      const list = compute(id)
      if (list) cache.set(id, list)
      return list
    },
    /** Recomputes after an article changed; other lists keep what they found until their own story changes. */
    forget(ids: Iterable<string>) {
      for (const id of ids) cache.delete(id)
    },
    /** Fills the cache a chunk at a time so ingest and updates are never blocked for long. */
    async warm(ids: string[], chunk = 200): Promise<void> {
      for (let i = 0; i < ids.length; i += chunk) {
        for (const id of ids.slice(i, i + chunk)) if (!cache.has(id)) this.get(id)
        await new Promise((resolve) => setImmediate(resolve))
      }
    },
    cached: () => cache.size,
  }
}

function timeOf(article: Article): number {
  return Date.parse(article.publishedAt ?? article.firstSeenAt) || 0
}

/** Same story: most stems of both are shared (Jaccard), so a follow-up that repeats the background is not a copy. */
export function nearDuplicate(index: SearchIndex, a: string, b: string): boolean {
  const x = index.get(a)?.stems
  const y = index.get(b)?.stems
  if (!x || !y || x.size === 0 || y.size === 0) return false
  let shared = 0
  for (const s of x) if (y.has(s)) shared++
  return shared / (x.size + y.size - shared) >= NEAR_DUPLICATE
}
