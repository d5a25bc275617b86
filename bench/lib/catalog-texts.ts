// Texts for bench:catalog: ANT records reused as many times as a run needs, each copy with a suffix of
// its own so ids, summaries and search terms differ. Read from ../shared at run time, never copied in.
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { createGunzip } from 'node:zlib'
import { articleId } from '../../src/articles/article-id.js'
import type { Article } from '../../src/articles/types.js'
import type { FeedItem } from '../../src/feeds/parse-feed.js'

export const ANT = 'corpora/ant-2018.jsonl.gz'
/** The bench's fixed "now": every run sees the same year of dates and the same retention window. */
export const BENCH_NOW = Date.parse('2019-01-01T00:00:00Z')
export const DAY_MS = 86_400_000

export interface AntText { title: string, text: string, author?: string, category?: string, source: string }

export async function loadAnt(path: string): Promise<AntText[]> {
  const out: AntText[] = []
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity })
  for await (const line of lines) {
    if (!line.trim()) continue
    const r = JSON.parse(line) as Record<string, string | undefined>
    if (!r.title || !r.text) continue
    out.push({ title: r.title, text: r.text, author: r.author, category: r.category, source: r.source ?? 'ant' })
  }
  return out
}

const LETTERS = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي'

/** A word of Arabic letters unique to n («رمز» + n in base 28): searchable, and no stemmer rule eats it whole. */
export function markerWord(n: number): string {
  let word = ''
  do {
    word = LETTERS[n % LETTERS.length]! + word
    n = Math.floor(n / LETTERS.length)
  } while (n > 0)
  return `كود${word}ظ`
}

/** Copy n of the texts: the first pass is ANT as it is, later passes carry «(نسخة n)» and a marker word. */
export function copyOf(texts: AntText[], n: number): AntText {
  const base = texts[n % texts.length]!
  const pass = Math.floor(n / texts.length)
  if (pass === 0) return base
  const tag = `${markerWord(n)} ${pass}`
  return { ...base, title: `${base.title} (${tag})`, text: `${base.text}\n${tag}` }
}

/**
 * A stored article as ingest would have written it (source label kept as its category, dates and seq set),
 * without the text cleaning, which would only slow preparing 300k of them.
 */
export function storedArticle(texts: AntText[], n: number, publishedMs: number, seenMs: number): Article {
  const t = copyOf(texts, n)
  return {
    id: articleId(t.title),
    title: t.title,
    paragraphs: t.text.split('\n').map((p) => p.trim()).filter(Boolean),
    kind: 'full',
    source: t.source,
    outlets: [t.source],
    related: [],
    url: `https://bench.example/${n}`,
    author: t.author,
    publishedAt: new Date(publishedMs).toISOString(),
    firstSeenAt: new Date(seenMs).toISOString(),
    seq: n,
    ...(t.category ? { category: t.category } : {}),
  }
}

/** A feed item as parse-feed hands it over: HTML body, link, date. */
export function feedItem(texts: AntText[], n: number, publishedMs: number, marker = false): FeedItem {
  const t = copyOf(texts, n)
  const title = marker ? `${t.title} ${markerWord(n)}` : t.title
  return {
    title,
    link: `https://feed.example/${t.source}/${n}`,
    publishedAt: new Date(publishedMs).toISOString(),
    author: t.author,
    html: t.text.split('\n').map((p) => `<p>${p}</p>`).join(''),
  }
}

/** Deterministic: the same run draws the same queries. */
export function seededRandom(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Two-word queries from headline words of four letters or more (what readers type: names, places, topics). */
export function twoWordQueries(texts: AntText[], count: number, seed = 7): string[] {
  const random = seededRandom(seed)
  const words = texts.slice(0, 5000).flatMap((t) => t.title.split(/\s+/).filter((w) => /^[\u0621-\u064a]{4,}$/u.test(w)))
  return Array.from({ length: count }, () => `${words[Math.floor(random() * words.length)]} ${words[Math.floor(random() * words.length)]}`)
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!
}

/** Wall time comparable across processes on one machine. */
export const wallMs = () => performance.timeOrigin + performance.now()
