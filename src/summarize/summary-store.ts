import { createHash } from 'node:crypto'
import type { Article } from '../articles/types.js'
import type { Store } from '../storage/create-store.js'

export interface Summary {
  short: string
  long?: string
  method: string
  createdAt: string
}

export type Summarize = (article: Article) => Summary | Promise<Summary>

export type SummaryStore = ReturnType<typeof createSummaryStore>

/** Keyed by a hash of the article's content: each text is summarised once, however many readers ask. */
export function contentHash(article: Pick<Article, 'title' | 'paragraphs'>): string {
  return createHash('sha256').update(article.title).update('\n').update(article.paragraphs.join('\n')).digest('hex').slice(0, 24)
}

export function createSummaryStore({ store, summarize }: { store: Store, summarize: Summarize }) {
  const kv = store.ns<Summary>('summaries')
  return {
    /** Summarises the articles that have no summary yet; returns how many were made. */
    async ensure(articles: Article[]): Promise<number> {
      const keys = articles.map(contentHash)
      const existing = keys.length > 0 ? await kv.getMany(keys) : []
      const missing = articles.flatMap((a, i) => (existing[i] ? [] : [{ key: keys[i]!, article: a }]))
      const made = await Promise.all(missing.map(async ({ key, article }) => ({ key, value: await summarize(article) })))
      if (made.length > 0) await kv.setMany(made)
      return made.length
    },
    get: (article: Article) => kv.get(contentHash(article)),
    async getMany(articles: Article[]): Promise<(Summary | undefined)[]> {
      return articles.length > 0 ? kv.getMany(articles.map(contentHash)) : []
    },
    set: (article: Article, summary: Summary) => kv.set(contentHash(article), summary),
  }
}
