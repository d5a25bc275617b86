import type { ArticleStore } from '../articles/article-store.js'
import type { Article } from '../articles/types.js'
import { analyze } from './analyzer.js'
import type { SearchIndex } from './search-index.js'

/** Weights of the source story's parts: the body names the wider subject (Russia behind a Minsk visit), so it counts. */
const TITLE_WEIGHT = 2
const BODY_WEIGHT = 1
/** Jaccard overlap of title + lead stems above which two stories are one story (paraphrased wire copy scores ~0.9). */
const NEAR_DUPLICATE = 0.6
/**
 * Looser: two items a reader would call "the same again" in one list, as [headline stems shared, stems shared, of
 * what] minimums (Jaccard, numbers aside in headlines). On Asharq Al-Awsat: a column under one headline («موجز
 * دوليات») shares its headline only; aid-flight items and retold stories half their headline and 0.1–0.3 of the rest;
 * daily market closes 0.4 of their headline and 0.3–0.55 of the rest. A follow-up with news of its own («تشديدات
 * أمنية استعدادا لزيارة أوباما» after «أوباما يزور كينيا») shares its headline far less. Half a headline is read
 * with the lede, as eval-related's judge reads it: two Wimbledon reports share half their headline and 0.14 of
 * their lede but 0.09 of title + lead, whose second paragraph is each match's own.
 */
const SIMILAR: readonly (readonly [title: number, shared: number, of: 'lede' | 'lead'])[] = [[1, 0, 'lead'], [0.5, 0.1, 'lede'], [0.4, 0.3, 'lead'], [0, 0.45, 'lead']]
/**
 * Or half the stems of headline + first paragraph, or 0.4 of them when 9 or more are shared: a story told
 * again opens with the same lede even under a new headline. Read on the pairs ANT and Asharq Al-Awsat still listed
 * twice at 0.5 alone: an online story and its print retelling («مقتل 50 شخصا بهجمات لـ«بوكو حرام»» / «بخاري يحذر
 * واشنطن…», both opening on the same dead and the same warning), one visit in two reports, one match, one market
 * round-up the next day, a monthly reserves figure all share 0.40–0.49 of their ledes, 9–45 stems. Two one-line ledes
 * on one subject (a budget and the neighbours' worry about it) also reach 0.41 on 7 stems: too few to call it retold.
 */
const SIMILAR_LEDE = 0.5
const RETOLD_LEDE = 0.4
const RETOLD_MIN_SHARED = 9
/** Candidates read past a full list, only to count the ones that fold into an item already listed. */
const SIMILAR_SCAN = 40
/** BM25's length normalisation: a long lead matches more terms by chance, a short stub must still compete. */
const LENGTH_B = 0.75
const RELATED_LIMIT = 10

export interface RelatedItem {
  id: string
  /** The publisher linked it on the page, rather than the engine finding it. */
  fromPublisher: boolean
  /** Outlets that carried this story, near-duplicates included. */
  outlets: number
  /** Further stories folded into this one: a recurring series (market closes, «موجز» columns) or the same news retold. */
  similar: number
}

export interface RelatedList { items: RelatedItem[], duplicatesOfSource: number }

export interface RelatedOptions {
  /** Stories this many days apart weigh half as much: news follow-ups come within a day or two (bench/eval-related.ts sweeps it). */
  halfLifeDays?: number
  /** The source's highest tf-idf stems that make up the "more like this" query. */
  queryTerms?: number
  /**
   * How much of the score the time prior governs: 0 ignores time, 1 halves the score every half-life. Half (a same-day
   * story counts up to twice a weeks-old one) keeps ANT's category precision; full decay trades it for same-day news.
   */
  recency?: number
  /** Query stems must appear in this many stories (the source included): a name only the source has finds nothing. */
  minDocFreq?: number
  /** Share of the query's weight a story must match to be listed at all. */
  minScore?: number
  /**
   * Stories read per query stem; a stem in more stories than this is too common to decide much. On ANT, 1,000 gave
   * precision@5 0.756 at ~8 ms per first computation, 500 gave 0.747 at ~5 ms, 300 gave 0.741 at ~4 ms.
   */
  postingsLimit?: number
  /** Told of each story folded into a listed one, for reading what folds (bench/eval-related.ts prints them). */
  onFold?: (listed: string, folded: string, source: string) => void
}

export interface RelatedFinder {
  /** The story's related list, computed on first ask and kept; undefined for an unknown id. */
  get(id: string): RelatedList | undefined
  /** Recomputes after an article changed; other lists keep what they found until their own story changes. */
  forget(ids: Iterable<string>): void
  /** Fills the cache a few lists at a time (each can take ~10 ms) so updates are never blocked for long. */
  warm(ids: string[], chunk?: number): Promise<void>
  /** How many lists are kept. */
  cached(): number
}

/**
 * Related stories: the publisher's own links first, then "more like this" (the source's title + body against the
 * others' title + lead, BM25-normalised), preferring stories close in time, with near-duplicates (the same story from
 * several outlets) shown once with their outlet count,
 * and a series or a retelling (daily market closes, «موجز» columns, aid-flight items) shown once with the count of the others (`similar`).
 * Lists are computed once per article (at ingest, in the background) and kept, so a request is a map lookup.
 */
export function createRelatedFinder({ articles, index }: { articles: Pick<ArticleStore, 'get'>, index: SearchIndex }, options: RelatedOptions = {}): RelatedFinder {
  const { halfLifeDays = 1, queryTerms = 40, postingsLimit = 1000, recency = 0.5, minScore = 0.03, minDocFreq = 2, onFold } = options
  const cache = new Map<string, RelatedList>()

  function moreLikeThis(article: Article, exclude: Set<string>): { id: string, score: number }[] {
    const info = index.get(article.id)
    if (!info) return []
    // Title stems count most; lead and body equally, since the body often names what links stories (Lukashenko → Russia).
    const weights = new Map<string, number>()
    const add = (text: string, w: number) => { for (const stem of analyze(text)) weights.set(stem, (weights.get(stem) ?? 0) + w) }
    add(article.title, TITLE_WEIGHT)
    add(article.paragraphs.join(' '), BODY_WEIGHT)
    const ranked = [...weights]
      .filter(([stem]) => index.docFrequency(stem) >= minDocFreq)
      .map(([stem, w]) => [stem, Math.log(1 + w) * index.idf(stem)] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, queryTerms)
    const total = ranked.reduce((sum, [, w]) => sum + w, 0) || 1
    const averageStems = index.averageStems() || 1
    // Term at a time over each stem's postings: the index's own any-term ranking buries short stubs that share
    // two or three strong stems (the seed's Russia stubs ranked 50th–1,000th of its candidates).
    const shared = new Map<string, number>()
    for (const [stem, w] of ranked) {
      for (const id of index.searchStems([stem], postingsLimit)) shared.set(id, (shared.get(id) ?? 0) + w)
    }
    const scored: { id: string, score: number }[] = []
    for (const [id, sum] of shared) {
      const other = index.get(id)
      if (!other || exclude.has(id) || sum / total < minScore) continue
      const days = Math.abs(info.time - other.time) / 86_400_000
      const lengthNorm = 1 - LENGTH_B + LENGTH_B * other.stems.size / averageStems
      scored.push({ id, score: (sum / total) / lengthNorm * (1 - recency + recency * 0.5 ** (days / halfLifeDays)) })
    }
    return scored.sort((a, b) => b.score - a.score)
  }

  function compute(id: string): RelatedList | undefined {
    const article = articles.get(id)
    if (!article) return undefined
    const clusters: Cluster[] = []
    let duplicatesOfSource = 0
    /** Folds a candidate into what is listed; false when it is a story of its own. */
    const fold = (candidate: Article): boolean => {
      if (nearDuplicate(index, article.id, candidate.id)) {
        duplicatesOfSource++
        return true
      }
      const copy = clusters.find((c) => nearDuplicate(index, c.id, candidate.id))
      const cluster = copy ?? clusters.find((c) => c.members.some((m) => similarStories(index, m, candidate)))
      if (!cluster) return false
      cluster.members.push(candidate)
      onFold?.(cluster.id, candidate.id, article.id)
      // The same story from another outlet is one more outlet; anything else (the outlet's own repeat, the next
      // day's market close) is one more similar report.
      const newOutlets = candidate.outlets.filter((o) => !cluster.outlets.has(o))
      if (copy && newOutlets.length > 0) for (const o of newOutlets) cluster.outlets.add(o)
      else cluster.similar++
      return true
    }
    const linked = article.related.map((rid) => articles.get(rid)).filter((a): a is Article => a !== undefined)
    for (const a of linked) clusters.push({ id: a.id, outlets: new Set(a.outlets), fromPublisher: true, members: [a], similar: 0 })
    const exclude = new Set([article.id, ...linked.map((a) => a.id)])
    let extra = 0
    for (const { id: other } of moreLikeThis(article, exclude)) {
      const full = clusters.length >= RELATED_LIMIT
      if (full && ++extra > SIMILAR_SCAN) break
      const candidate = articles.get(other)
      if (!candidate || fold(candidate) || full) continue
      clusters.push({ id: candidate.id, outlets: new Set(candidate.outlets), fromPublisher: false, members: [candidate], similar: 0 })
    }
    return {
      items: clusters.slice(0, RELATED_LIMIT).map((c) => ({ id: c.id, fromPublisher: c.fromPublisher, outlets: c.outlets.size, similar: c.similar })),
      duplicatesOfSource,
    }
  }

  return {
    get(id) {
      const hit = cache.get(id)
      if (hit) return hit
      const list = compute(id)
      if (list) cache.set(id, list)
      return list
    },
    forget(ids) {
      for (const id of ids) cache.delete(id)
    },
    async warm(ids, chunk = 8) {
      for (let i = 0; i < ids.length; i += chunk) {
        for (const id of ids.slice(i, i + chunk)) if (!cache.has(id)) this.get(id)
        await new Promise((resolve) => setImmediate(resolve))
      }
    },
    cached: () => cache.size,
  }
}

interface Cluster { id: string, outlets: Set<string>, fromPublisher: boolean, members: Article[], similar: number }

/** Same story: most stems of both are shared (Jaccard), so a follow-up that repeats the background is not a copy. */
function nearDuplicate(index: SearchIndex, a: string, b: string): boolean {
  return stemOverlap(index, a, b) >= NEAR_DUPLICATE
}

/** The same thing again for a reader (see SIMILAR): a column, a series, or one story told twice. */
export function similarStories(index: SearchIndex, a: Article, b: Article): boolean {
  const lead = stemOverlap(index, a.id, b.id)
  const ledeShared = shared(stemsOf(a).lede, stemsOf(b).lede)
  const lede = jaccard(stemsOf(a).lede, stemsOf(b).lede)
  const title = jaccard(stemsOf(a).title, stemsOf(b).title)
  return lede >= SIMILAR_LEDE || (lede >= RETOLD_LEDE && ledeShared >= RETOLD_MIN_SHARED) || SIMILAR.some(([minTitle, min, of]) => title >= minTitle && (of === 'lede' ? lede : lead) >= min)
}

function stemOverlap(index: SearchIndex, a: string, b: string): number {
  const x = index.get(a)?.stems
  const y = index.get(b)?.stems
  return x && y ? jaccard(x, y) : 0
}

/** Headline and lede stems, numbers aside, per article object: a changed article is a new object, so nothing stale is kept. */
const stemCache = new WeakMap<Article, { title: Set<string>, lede: Set<string> }>()
function stemsOf(article: Article): { title: Set<string>, lede: Set<string> } {
  let hit = stemCache.get(article)
  if (!hit) {
    const words = (text: string) => analyze(text).filter((stem) => !/^\p{N}+$/u.test(stem))
    const title = words(article.title)
    stemCache.set(article, hit = { title: new Set(title), lede: new Set([...title, ...words(article.paragraphs[0] ?? '')]) })
  }
  return hit
}

function shared(x: Set<string>, y: Set<string>): number {
  let n = 0
  for (const s of x) if (y.has(s)) n++
  return n
}

function jaccard(x: Set<string>, y: Set<string>): number {
  if (x.size === 0 || y.size === 0) return 0
  const n = shared(x, y)
  return n / (x.size + y.size - n)
}
