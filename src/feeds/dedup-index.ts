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
    }
  }

  /** The days a headline at `time` may match in: the window either side (an undated one, only other undated ones). */
  function daysAround(time: number): number[] {
    if (!Number.isFinite(time)) return [-1]
    const days: number[] = []
    for (let day = dayOf(time - windowMs); day <= dayOf(time + windowMs); day++) days.push(day)
    return days
  }

  function byHeadline(article: Article): DedupMatch | undefined {
    const words = new Set(tokenize(article.title))
    if (words.size < MIN_TITLE_WORDS) return undefined
    const time = storyTime(article)
    const shared = new Map<string, number>()
    const days = daysAround(time)
    for (const word of words) {
      for (const day of days) {
        const list = postings.get(posting(word, day))
        if (!list || list.length > COMMON_WORD) continue
        for (const id of list) shared.set(id, (shared.get(id) ?? 0) + 1)
      }
    }
    let best: DedupMatch | undefined
    for (const id of shared.keys()) {
      const other = headlines.get(id)!
      if (Number.isFinite(time) && Number.isFinite(other.time) && Math.abs(time - other.time) > windowMs) continue
      let common = 0
      for (const word of words) if (other.words.has(word)) common++
      const similarity = common / (words.size + other.words.size - common)
      if (similarity >= titleSimilarity && similarity > (best?.similarity ?? 0)) best = { id, by: 'title', similarity }
    }
    return best
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
          const list = postings.get(key)?.filter((other) => other !== id)
          if (!list || list.length === 0) postings.delete(key)
          else postings.set(key, list)
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
    size: () => ({ urls: byUrl.size, hashes: byHash.size, headlines: headlines.size }),
  }
}
