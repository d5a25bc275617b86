import type { Store } from '../storage/create-store.js'
import { articleId } from './article-id.js'
import { tokenize } from './normalize.js'
import { compareNewestFirst, type Article } from './types.js'

export interface UpsertResult { added: number, updated: number, unchanged: number, changed: Article[] }

export type ArticleStore = ReturnType<typeof createArticleStore>

/**
 * Articles live in keyv; this keeps a copy in memory so /latest, search and digests never scan the store.
 * Writes go to keyv first, so a crash never leaves memory ahead of disk.
 */
export function createArticleStore({ store }: { store: Store }) {
  const kv = store.ns<Article>('articles')
  const byId = new Map<string, Article>()
  const listeners: ((changed: Article[]) => void)[] = []
  let nextSeq = 0
  let sorted: Article[] | undefined

  return {
    async load(): Promise<number> {
      for await (const [id, article] of store.entries<Article>('articles')) {
        byId.set(id, article)
        nextSeq = Math.max(nextSeq, article.seq + 1)
      }
      sorted = undefined
      return byId.size
    },

    async upsert(incoming: Article[]): Promise<UpsertResult> {
      const result: UpsertResult = { added: 0, updated: 0, unchanged: 0, changed: [] }
      const pending = new Map<string, Article>()
      for (const candidate of incoming) {
        const article = distinctId(candidate, (id) => pending.get(id) ?? byId.get(id))
        const existing = pending.get(article.id) ?? byId.get(article.id)
        const merged = existing ? mergeArticles(existing, article) : { ...article, seq: nextSeq++ }
        if (existing && JSON.stringify(merged) === JSON.stringify(existing)) continue
        pending.set(article.id, merged)
      }
      if (pending.size > 0) await kv.setMany([...pending].map(([key, value]) => ({ key, value })))
      for (const [id, article] of pending) {
        if (byId.has(id)) result.updated++
        else result.added++
        byId.set(id, article)
        result.changed.push(article)
      }
      result.unchanged = incoming.length - result.added - result.updated
      if (pending.size > 0) {
        sorted = undefined
        for (const listener of listeners) listener(result.changed)
      }
      return result
    },

    get: (id: string) => byId.get(id),
    count: () => byId.size,
    /** Newest first; full articles only unless stubs are asked for. */
    latest(limit: number, accept: (a: Article) => boolean = (a) => a.kind === 'full'): Article[] {
      sorted ??= [...byId.values()].sort(compareNewestFirst)
      const out: Article[] = []
      for (const article of sorted) {
        if (out.length >= limit) break
        if (accept(article)) out.push(article)
      }
      return out
    },
    all: () => byId.values(),
    onChange(listener: (changed: Article[]) => void) {
      listeners.push(listener)
    },
  }
}

/**
 * Recurring columns («موجز أخبار», «استشارات») reuse a headline for different stories.
 * Two full texts under one headline that share little are two articles: the newcomer's id also covers its opening.
 */
function distinctId(article: Article, lookup: (id: string) => Article | undefined): Article {
  let current = article
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = lookup(current.id)
    if (!existing || existing.kind === 'stub' || current.kind === 'stub' || sameStory(existing, current)) return current
    current = { ...current, id: articleId(`${article.title}\n${article.url ?? article.paragraphs[0] ?? ''}#${attempt}`) }
  }
  return current
}

function sameStory(a: Article, b: Article): boolean {
  if (a.url && b.url) return a.url === b.url || overlap(a, b) >= 0.5
  return overlap(a, b) >= 0.5
}

function overlap(a: Article, b: Article): number {
  const words = (x: Article) => new Set(tokenize(x.paragraphs.slice(0, 2).join(' ')).slice(0, 80))
  const wa = words(a)
  const wb = words(b)
  if (wa.size === 0 || wb.size === 0) return 1
  let shared = 0
  for (const w of wa) if (wb.has(w)) shared++
  return shared / Math.min(wa.size, wb.size)
}

/** The same story seen again: full text beats a stub, known fields fill gaps, links and outlets add up. */
export function mergeArticles(existing: Article, incoming: Article): Article {
  const upgrade = existing.kind === 'stub' && incoming.kind === 'full'
  const base = upgrade ? { ...existing, ...incoming } : { ...incoming, ...existing }
  const merged: Article = {
    ...base,
    seq: existing.seq,
    firstSeenAt: existing.firstSeenAt < incoming.firstSeenAt ? existing.firstSeenAt : incoming.firstSeenAt,
    related: [...new Set([...existing.related, ...incoming.related])].filter((id) => id !== existing.id),
    outlets: [...new Set([...existing.outlets, ...incoming.outlets])],
  }
  return merged
}
