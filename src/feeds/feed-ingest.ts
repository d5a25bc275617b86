import { mergeArticles, type ArticleStore } from '../articles/article-store.js'
import { articleFromRecord } from '../articles/from-record.js'
import type { Article } from '../articles/types.js'
import { canonicalUrl } from './canonical-url.js'
import { createDedupIndex, type DedupOptions, type DedupRule } from './dedup-index.js'
import type { FeedSpec } from './feed-list.js'
import { htmlToLine, htmlToParagraphs } from './html-text.js'
import type { FeedItem } from './parse-feed.js'

export interface FeedIngestReport {
  items: number
  added: number
  updated: number
  unchanged: number
  /** Items that could not be articles (no title, no text), with the first reason. */
  skipped: number
  skipReason?: string
  /** Items that joined a story already known, by the rule that matched. */
  matched: Record<DedupRule, number>
  /** New items whose page gave no article text (FEED_FULL_TEXT), with the first reason. */
  noFullText: number
  noFullTextReason?: string
}

export interface FeedIngestDeps {
  articles: ArticleStore
  onChanged?: (changed: Article[]) => Promise<void> | void
  /** Full text of a new item's page, or a reason it has none (then the description is the text). */
  fullText?: (url: string) => Promise<string[] | string>
  dedup?: DedupOptions
  /** The time an item is first seen, for items that carry no date. */
  now: () => Date
}

const FULL_TEXT_CONCURRENCY = 4

export type FeedIngest = ReturnType<typeof createFeedIngest>

/**
 * Feed items into the article catalogue. An item that is a story already known (same link, same text,
 * or a near-identical headline) is merged into it, so two feeds carrying one story make one article with
 * two outlets. Batches run one at a time, so two feeds polled together cannot both add the same story.
 */
export function createFeedIngest({ articles, onChanged, fullText, dedup, now }: FeedIngestDeps) {
  let index: ReturnType<typeof createDedupIndex> | undefined
  let queue: Promise<unknown> = Promise.resolve()

  const dedupIndex = () => {
    if (index) return index
    const built = createDedupIndex(dedup)
    for (const article of articles.all()) built.add(article)
    articles.onChange((changed) => { for (const article of changed) built.add(article) })
    articles.onRemove((ids) => built.remove(ids))
    return index = built
  }

  async function run(feed: FeedSpec, items: FeedItem[]): Promise<FeedIngestReport> {
    const idx = dedupIndex()
    const report: FeedIngestReport = {
      items: items.length,
      added: 0,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      matched: { url: 0, hash: 0, title: 0 },
      noFullText: 0,
    }
    const seenAt = now().toISOString()
    const prepared = items.map((item) => {
      const url = canonicalUrl(item.link, feed.url)
      return { item, url, known: idx.findByUrl(url), text: undefined as string[] | undefined }
    })
    if (fullText) await fetchPages(prepared.filter((p) => p.url && !p.known), fullText, report)

    const out: Article[] = []
    const slot = new Map<string, number>()
    for (const { item, url, known, text } of prepared) {
      const article = articleFromRecord({
        title: htmlToLine(item.title ?? ''),
        text: (text ?? htmlToParagraphs(item.html ?? '')).join('\n'),
        url,
        published: item.publishedAt,
        author: item.author ? htmlToLine(item.author) : undefined,
        section: feed.section,
        source: feed.name,
      }, { source: feed.name, seenAt })
      if (typeof article === 'string') {
        report.skipped++
        report.skipReason ??= article === 'record has no text' && !fullText ? 'item has no description (a headline-only feed needs FEED_FULL_TEXT=true)' : article
        continue
      }
      const match = known ?? idx.find(article)
      const local = match ? slot.get(match.id) : undefined
      const target = local !== undefined ? out[local] : match ? articles.get(match.id) : undefined
      if (!match || !target) {
        slot.set(article.id, out.length)
        out.push(article)
        idx.add(article)
        continue
      }
      report.matched[match.by]++
      idx.add(article, target.id)
      const merged = mergeArticles(target, { ...article, id: target.id })
      if (local !== undefined) out[local] = merged
      else if (sameFields(merged, target)) continue
      else {
        slot.set(target.id, out.length)
        out.push(merged)
      }
    }
    const result = await articles.upsert(out)
    report.added = result.added
    report.updated = result.updated
    report.unchanged = report.items - report.skipped - result.added - result.updated
    if (result.changed.length > 0) await onChanged?.(result.changed)
    return report
  }

  return {
    ingest(feed: FeedSpec, items: FeedItem[]): Promise<FeedIngestReport> {
      const next = queue.then(() => run(feed, items))
      queue = next.catch(() => {})
      return next
    },
  }
}

/** Equal whatever the key order: a merge that adds nothing is not a change worth writing or summarising. */
function sameFields(a: Article, b: Article): boolean {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((k) => JSON.stringify(a[k as keyof Article]) === JSON.stringify(b[k as keyof Article]))
}

async function fetchPages(pending: { url?: string, text?: string[] }[], fullText: (url: string) => Promise<string[] | string>, report: FeedIngestReport) {
  let cursor = 0
  const worker = async () => {
    while (cursor < pending.length) {
      const entry = pending[cursor++]!
      const text = await fullText(entry.url!)
      if (typeof text !== 'string') entry.text = text
      else {
        report.noFullText++
        report.noFullTextReason ??= text
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(FULL_TEXT_CONCURRENCY, pending.length) }, worker))
}
