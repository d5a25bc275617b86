import { Index } from 'flexsearch'
import type { Article } from '../articles/types.js'
import { trimOldest } from '../bounded-map.js'
import { normalizeArabic } from '../articles/normalize.js'
import { analyze } from './analyzer.js'
import { storyCategory } from './story-category.js'
import type { TopicClassifier } from './topic-model.js'

/** Title + lead is what readers search for; full texts triple memory and latency for little gain (bench/search.ts). */
export const LEAD_PARAGRAPHS = 2

export interface IndexedArticle {
  slot: number
  /** Distinct stems of title + lead: keyword filters, near-duplicate checks and more-like-this read these. */
  stems: Set<string>
  category?: string
  /** Normalised section name. */
  section?: string
  /** publishedAt (or firstSeenAt) in ms, parsed once for newest-first sorting. */
  time: number
}

/** Full-text search over title + lead stems, with what filters and related lists need to read. */
export interface SearchIndex {
  add(articles: Iterable<Article>): void
  /** Takes stories out (retention); their slots are reused. */
  remove(ids: Iterable<string>): void
  get(id: string): IndexedArticle | undefined
  size(): number
  /** Mean distinct title + lead stems per article, for length normalisation. */
  averageStems(): number
  /** Articles whose title + lead has the stem. */
  docFrequency(stem: string): number
  /** Inverse document frequency over indexed articles; unseen stems count as rare. */
  idf(stem: string): number
  /** Ids of articles matching any of the stems, best first. */
  searchStems(stems: string[], limit: number, offset?: number): string[]
  /** Ids of articles having every stem, at most `limit`. */
  searchAll(stems: string[], limit: number): string[]
  inCategory(category: string): ReadonlySet<string>
  inSection(normalizedSection: string): ReadonlySet<string>
  /** Every section name seen, as written. */
  sections(): string[]
  /** Ids of articles matching the query's words, best first; the same answer again until the index changes (do not modify it). */
  search(query: string, limit: number, offset?: number): readonly string[]
}

/** Queries whose answers are kept until the index next changes: a trending word is asked by many readers at once. */
const ANSWERS_KEPT = 500

/**
 * FlexSearch over pre-analysed stems (the analyzer replaces FlexSearch's encoder, which splits hamza words),
 * plus the per-article stems and document frequencies that filters and related lists need.
 */
export function createSearchIndex({ classifier }: { classifier?: TopicClassifier } = {}): SearchIndex {
  // fastupdate: re-indexing a story (stub → full, merged duplicates) is then a lookup, not a scan of every term.
  const index = new Index({ tokenize: 'strict', encode: (s: string) => s.split(' ').filter(Boolean), resolution: 9, fastupdate: true })
  const ids: string[] = []
  // Slots of removed stories, reused so a long-running bot's index does not grow with everything it ever held.
  const freeSlots: number[] = []
  const byId = new Map<string, IndexedArticle>()
  const df = new Map<string, number>()
  let stemTotal = 0
  // Topic membership, so a rare followed topic is looked up instead of found by scanning every story.
  const byCategory = new Map<string, Set<string>>()
  const answers = new Map<string, readonly string[]>()
  const bySection = new Map<string, Set<string>>()
  /** Section names as written, for parsing «/follow أوروبا» without scanning the catalogue. */
  const sectionNames = new Map<string, string>()
  const member = (map: Map<string, Set<string>>, key: string | undefined, id: string, previous: string | undefined) => {
    if (previous !== undefined) map.get(previous)?.delete(id)
    if (key === undefined) return
    let set = map.get(key)
    if (!set) map.set(key, set = new Set())
    set.add(id)
  }

  function add(article: Article): void {
    // Stories are labelled before they are stored; only ones stored before that still need it, once, in memory.
    if (article.category === undefined && classifier) article.category = storyCategory(classifier, article)
    const titleStems = analyze(article.title)
    const leadStems = analyze(article.paragraphs.slice(0, LEAD_PARAGRAPHS).join(' '))
    const stems = new Set([...titleStems, ...leadStems])
    const existing = byId.get(article.id)
    if (existing) for (const s of existing.stems) unseen(s)
    stemTotal += stems.size - (existing?.stems.size ?? 0)
    for (const s of stems) df.set(s, (df.get(s) ?? 0) + 1)
    const slot = existing?.slot ?? freeSlots.pop() ?? ids.length
    if (!existing) ids[slot] = article.id
    const section = article.section === undefined ? undefined : normalizeArabic(article.section)
    member(byCategory, article.category, article.id, existing?.category)
    member(bySection, section, article.id, existing?.section)
    if (section !== undefined && !sectionNames.has(section)) sectionNames.set(section, article.section!)
    byId.set(article.id, { slot, stems, category: article.category, section, time: Date.parse(article.publishedAt ?? article.firstSeenAt) || 0 })
    const text = [...titleStems, ...leadStems].join(' ')
    if (existing) index.update(slot, text)
    else index.add(slot, text)
  }

  /** A stem's count goes with its last story: under retention, every word ever seen would otherwise stay. */
  function unseen(stem: string) {
    const n = (df.get(stem) ?? 1) - 1
    if (n > 0) df.set(stem, n)
    else df.delete(stem)
  }

  /**
   * FlexSearch keeps a term's entry (term → buckets of slots) after its last slot is removed, so a year of
   * retention would hold every word ever indexed (bench:catalog soak). Terms left with no slot are dropped.
   */
  function dropDeadTerms(stems: Iterable<string>) {
    const terms = (index as unknown as { map?: unknown }).map
    if (!(terms instanceof Map)) return
    for (const stem of stems) {
      const buckets = terms.get(stem) as (number[] | null | undefined)[] | undefined
      if (buckets?.every((bucket) => !bucket || bucket.length === 0)) terms.delete(stem)
    }
  }

  function remove(id: string): void {
    const existing = byId.get(id)
    if (!existing) return
    for (const s of existing.stems) unseen(s)
    stemTotal -= existing.stems.size
    member(byCategory, undefined, id, existing.category)
    member(bySection, undefined, id, existing.section)
    byId.delete(id)
    index.remove(existing.slot)
    dropDeadTerms(existing.stems)
    freeSlots.push(existing.slot)
  }

  function searchStems(stems: string[], limit: number, offset = 0): string[] {
    if (stems.length === 0) return []
    // With fastupdate, a term whose last story was re-indexed away answers undefined rather than [].
    const slots = (index.search(stems.join(' '), { limit, offset, suggest: true }) as number[] | undefined) ?? []
    return slots.map((slot) => ids[slot]!)
  }

  return {
    add(articles: Iterable<Article>): void {
      answers.clear()
      for (const article of articles) add(article)
    },
    /** Takes stories out (retention); their slots are reused. */
    remove(ids: Iterable<string>): void {
      answers.clear()
      for (const id of ids) remove(id)
    },
    get: (id: string) => byId.get(id),
    size: () => byId.size,
    /** Mean distinct title + lead stems per article, for length normalisation. */
    averageStems: () => (byId.size === 0 ? 0 : stemTotal / byId.size),
    /** Articles whose title + lead has the stem. */
    docFrequency: (stem: string) => df.get(stem) ?? 0,
    /** Inverse document frequency over indexed articles; unseen stems count as rare. */
    idf(stem: string): number {
      return Math.log((byId.size + 1) / ((df.get(stem) ?? 0) + 1)) + 1
    },
    /** Ids of articles matching any of the stems, best first (FlexSearch ranks by term position and count). */
    searchStems,
    /** Ids of articles having every stem, at most `limit`. */
    searchAll(stems: string[], limit: number): string[] {
      if (stems.length === 0) return []
      return ((index.search(stems.join(' '), { limit }) as number[] | undefined) ?? []).map((slot) => ids[slot]!)
    },
    inCategory: (category: string): ReadonlySet<string> => byCategory.get(category) ?? new Set(),
    inSection: (normalizedSection: string): ReadonlySet<string> => bySection.get(normalizedSection) ?? new Set(),
    /** Every section name seen, as written. */
    sections: (): string[] => [...sectionNames.values()],
    search(query: string, limit: number, offset = 0): readonly string[] {
      const key = `${limit} ${offset} ${query}`
      let found = answers.get(key)
      if (found === undefined) {
        answers.set(key, found = searchStems(analyze(query), limit, offset))
        trimOldest(answers, ANSWERS_KEPT)
      }
      return found
    },
  }
}
