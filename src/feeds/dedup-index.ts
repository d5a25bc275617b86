import { createHash } from 'node:crypto'
import { normalizeArabic, tokenize } from '../articles/normalize.js'
import { articleText, type Article } from '../articles/types.js'
import { urlKey } from './canonical-url.js'

export type DedupRule = 'url' | 'hash' | 'title'
export interface DedupMatch { id: string, by: DedupRule, similarity?: number }

export interface DedupOptions {
  /** Jaccard similarity of headline words at which two headlines are one story. */
  titleSimilarity?: number
  /** Headlines further apart in time than this are different stories («موجز أخبار» recurs daily). */
  windowMs?: number
}

/** Headlines shorter than this say too little to match on («عاجل», «الطقس اليوم»). */
const MIN_TITLE_WORDS = 4
/** Texts shorter than this are teasers («اقرأ المزيد…») that many stories share. */
const MIN_HASHED_CHARS = 80
/** A word in this many headlines of one day is no clue to which story it is; it still counts in the similarity. */
const COMMON_WORD = 500
const DAY_MS = 86_400_000
/** Headline postings are kept per word and day, so a lookup reads the few days around the item, not the whole catalogue. */
const dayOf = (time: number) => (Number.isFinite(time) ? Math.floor(time / DAY_MS) : -1)
const posting = (word: string, day: number) => `${day}\u0000${word}`

/**
 * By paragraphs array: an item is hashed when it is looked up, when it is indexed and again when the catalogue
 * announces it, and a merge keeps the winner's array. Normalising and hashing it each time was a fifth of feed
 * ingest (bench:catalog --cpu-prof).
 */
const hashes = new WeakMap<readonly string[], string | null>()

export function contentHash(article: Pick<Article, 'paragraphs'>): string | undefined {
  const known = hashes.get(article.paragraphs)
  if (known !== undefined) return known ?? undefined
  const text = normalizeArabic(articleText(article)).replace(/[^\p{L}\p{N}]+/gu, ' ').trim()
  const hash = text.length < MIN_HASHED_CHARS ? undefined : createHash('sha256').update(text).digest('hex').slice(0, 24)
  hashes.set(article.paragraphs, hash ?? null)
  return hash
}

const storyTime = (a: Article) => Date.parse(a.publishedAt ?? a.firstSeenAt)

export type DedupIndex = ReturnType<typeof createDedupIndex>

/**
 * Finds the story an incoming item belongs to: by canonical URL, then by a hash of its normalised text,
 * then by a near-identical headline published around the same time.
 */
export function createDedupIndex({ titleSimilarity = 0.7, windowMs = 48 * 3600_000 }: DedupOptions = {}) {
  const byUrl = new Map<string, string>()
  const byHash = new Map<string, string>()
  const headlines = new Map<string, { words: Set<string>, time: number }>()
  const postings = new Map<string, string[]>()
  /** Stories filed under a word and day past COMMON_WORD, not listed: while any is kept, that list is never read as complete. */
  const unlisted = new Map<string, number>()
  // What each story was filed under, so a story that leaves the catalogue (retention) leaves here too.
  const filed = new Map<string, { urls: string[], hashes: string[] }>()
  const fileUnder = (id: string, kind: 'urls' | 'hashes', key: string) => {
    let keys = filed.get(id)
    if (!keys) filed.set(id, keys = { urls: [], hashes: [] })
    if (!keys[kind].includes(key)) keys[kind].push(key)
  }

  function indexHeadline(article: Article, id: string) {
    if (headlines.has(id)) return
    const words = new Set(tokenize(article.title))
    if (words.size < MIN_TITLE_WORDS) return
    const time = storyTime(article)
    headlines.set(id, { words, time })
    for (const word of words) {
      const key = posting(word, dayOf(time))
      const list = postings.get(key)
      if (!list) postings.set(key, [id])
      else if (list.length <= COMMON_WORD) list.push(id)
      else unlisted.set(key, (unlisted.get(key) ?? 0) + 1)
    }
  }

  /** The days a headline at `time` may match in: the window either side (an undated one, only other undated ones). */
  function daysAround(time: number): number[] {
    if (!Number.isFinite(time)) return [-1]
    const days: number[] = []
    for (let day = dayOf(time - windowMs); day <= dayOf(time + windowMs); day++) days.push(day)
    return days
  }

  /**
   * A headline at `titleSimilarity` (Jaccard) shares at least that share of its own words, so a match must sit in
   * enough of the day's lists (prefix filtering): only the shortest of them are read for candidates, every candidate
   * is then scored on all its words. Reading every list of every headline word cost a quarter of feed ingest at
   * 3,000 items a day (bench:catalog soak). Same result as reading them all, ties included (first in headline order).
   */
  function byHeadline(article: Article): DedupMatch | undefined {
    const words = [...new Set(tokenize(article.title))]
    if (words.length < MIN_TITLE_WORDS) return undefined
    const time = storyTime(article)
    const need = Math.max(1, Math.ceil(titleSimilarity * words.length - 1e-9))
    let best: (DedupMatch & { rank: number[] }) | undefined
    for (const day of daysAround(time)) {
      const lists: { at: number, ids: string[] }[] = []
      let common = 0
      words.forEach((word, at) => {
        const key = posting(word, day)
        const ids = postings.get(key)
        if (!ids) return
        if (ids.length > COMMON_WORD || unlisted.has(key)) common++
        else lists.push({ at, ids })
      })
      // A match shares `need` words: at most `common` of them in lists too long to read, the rest in readable ones.
      const inLists = Math.max(1, need - common)
      if (lists.length < inLists) continue
      const read = [...lists].sort((x, y) => x.ids.length - y.ids.length).slice(0, lists.length - inLists + 1)
      const seen = new Set<string>()
      for (const { ids } of read) {
        for (const id of ids) {
          if (seen.has(id)) continue
          seen.add(id)
          const other = headlines.get(id)!
          if (Number.isFinite(time) && Number.isFinite(other.time) && Math.abs(time - other.time) > windowMs) continue
          let shared = 0
          for (const word of words) if (other.words.has(word)) shared++
          const similarity = shared / (words.length + other.words.size - shared)
          if (similarity < titleSimilarity || similarity < (best?.similarity ?? 0)) continue
          // Where reading every list in headline order would have met it first: the earlier one wins a tie.
          const first = lists.find((list) => list.ids.includes(id))!
          const rank = [first.at, day, first.ids.indexOf(id)]
          if (!best || similarity > best.similarity! || before(rank, best.rank)) best = { id, by: 'title', similarity, rank }
        }
      }
    }
    return best && { id: best.id, by: best.by, similarity: best.similarity }
  }

  return {
    /** Indexes a stored article, or an incoming item under the id of the story it joined. */
    add(article: Article, id = article.id) {
      const url = urlKey(article.url)
      if (url) {
        byUrl.set(url, id)
        fileUnder(id, 'urls', url)
      }
      const hash = contentHash(article)
      if (hash) {
        byHash.set(hash, id)
        fileUnder(id, 'hashes', hash)
      }
      indexHeadline(article, id)
    },
    /** Forgets stories that left the catalogue: their links, texts and headline words no longer match anything. */
    remove(ids: Iterable<string>) {
      for (const id of ids) {
        const keys = filed.get(id)
        filed.delete(id)
        for (const url of keys?.urls ?? []) if (byUrl.get(url) === id) byUrl.delete(url)
        for (const hash of keys?.hashes ?? []) if (byHash.get(hash) === id) byHash.delete(hash)
        const headline = headlines.get(id)
        if (!headline) continue
        headlines.delete(id)
        const day = dayOf(headline.time)
        for (const word of headline.words) {
          const key = posting(word, day)
          const listed = postings.get(key)
          const list = listed?.filter((other) => other !== id)
          const left = (unlisted.get(key) ?? 0) - (list?.length === listed?.length ? 1 : 0)
          if (left > 0) unlisted.set(key, left)
          else unlisted.delete(key)
          if ((!list || list.length === 0) && left <= 0) postings.delete(key)
          else postings.set(key, list ?? [])
        }
      }
    },
    findByUrl(url: string | undefined): DedupMatch | undefined {
      const key = urlKey(url)
      const id = key === undefined ? undefined : byUrl.get(key)
      return id === undefined ? undefined : { id, by: 'url' }
    },
    find(article: Article): DedupMatch | undefined {
      const byLink = this.findByUrl(article.url)
      if (byLink) return byLink
      const hash = contentHash(article)
      const sameText = hash === undefined ? undefined : byHash.get(hash)
      if (sameText !== undefined) return { id: sameText, by: 'hash' }
      return byHeadline(article)
    },
    size: () => ({ urls: byUrl.size, hashes: byHash.size, headlines: headlines.size, postings: postings.size }),
  }
}

/** Lexicographic order of two ranks of equal length. */
function before(x: number[], y: number[]): boolean {
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]!
  return false
}
