import { Index } from 'flexsearch'
import type { Article } from '../articles/types.js'
import { analyze } from './analyzer.js'
import { isCategory } from './categories.js'
import type { TopicClassifier } from './topic-model.js'

/** Title + lead is what readers search for; full texts triple memory and latency for little gain (bench/search.ts). */
export const LEAD_PARAGRAPHS = 2
const CLASSIFY_PARAGRAPHS = 6

export interface IndexedArticle {
  slot: number
  /** Distinct stems of title + lead: keyword filters and more-like-this read these. */
  stems: Set<string>
  /** Title stems count twice: they say what the story is about. */
  weights: Map<string, number>
}

export type SearchIndex = ReturnType<typeof createSearchIndex>

/**
 * FlexSearch over pre-analysed stems (the analyzer replaces FlexSearch's encoder, which splits hamza words),
 * plus the per-article stems and document frequencies that filters and related lists need.
 */
export function createSearchIndex({ classifier }: { classifier?: TopicClassifier } = {}) {
  const index = new Index({ tokenize: 'strict', encode: (s: string) => s.split(' ').filter(Boolean), resolution: 9 })
  const ids: string[] = []
  const byId = new Map<string, IndexedArticle>()
  const df = new Map<string, number>()

  function add(article: Article): void {
    // Source labels (ANT) win; the classifier labels the rest, once, on the article itself.
    if (!isCategory(article.category) && classifier) {
      article.category = classifier.classify(article.title, article.paragraphs.slice(0, CLASSIFY_PARAGRAPHS).join('\n')).category
    }
    const titleStems = analyze(article.title)
    const leadStems = analyze(article.paragraphs.slice(0, LEAD_PARAGRAPHS).join(' '))
    const weights = new Map<string, number>()
    for (const s of titleStems) weights.set(s, (weights.get(s) ?? 0) + 2)
    for (const s of leadStems) weights.set(s, (weights.get(s) ?? 0) + 1)
    const stems = new Set(weights.keys())
    const existing = byId.get(article.id)
    if (existing) for (const s of existing.stems) df.set(s, (df.get(s) ?? 1) - 1)
    for (const s of stems) df.set(s, (df.get(s) ?? 0) + 1)
    const slot = existing?.slot ?? ids.length
    if (!existing) ids.push(article.id)
    byId.set(article.id, { slot, stems, weights })
    const text = [...titleStems, ...leadStems].join(' ')
    if (existing) index.update(slot, text)
    else index.add(slot, text)
  }

  function searchStems(stems: string[], limit: number, offset = 0): string[] {
    if (stems.length === 0) return []
    const slots = index.search(stems.join(' '), { limit, offset, suggest: true }) as number[]
    return slots.map((slot) => ids[slot]!)
  }

  return {
    add(articles: Iterable<Article>): void {
      for (const article of articles) add(article)
    },
    get: (id: string) => byId.get(id),
    size: () => byId.size,
    /** Inverse document frequency over indexed articles; unseen stems count as rare. */
    idf(stem: string): number {
      return Math.log((byId.size + 1) / ((df.get(stem) ?? 0) + 1)) + 1
    },
    /** Ids of articles matching any of the stems, best first (FlexSearch ranks by term position and count). */
    searchStems,
    search: (query: string, limit: number, offset = 0) => searchStems(analyze(query), limit, offset),
  }
}
