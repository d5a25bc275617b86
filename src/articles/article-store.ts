import type { ChangeLog } from '../storage/change-log.js'
import type { Store } from '../storage/create-store.js'
import { articleId } from './article-id.js'
import { tokenize } from './normalize.js'
import { createRecencyOrder } from './recency-order.js'
import { storyTime, type Article } from './types.js'

export interface UpsertResult { added: number, updated: number, unchanged: number, changed: Article[] }

export interface ArticleStoreDeps {
  store: Store
  /** Where writes are announced to other processes, and theirs come from. */
  changes?: ChangeLog
  /** Labels a story before its one write ('' when unsure), so no process classifies it again. */
  classify?: (article: Article) => string
  /** Stories older than `days` (0 = keep all) leave memory, and are removed from the store by `sweep`. */
  retention?: { days: number, now: () => Date }
}

export interface RetentionStats { kept: number, removed: number }

/** The catalogue: every story once, newest first, the same in every process on one store. */
export interface ArticleStore {
  /** Reads the stored catalogue into memory (stories past retention stay out); returns how many are kept. */
  load(): Promise<number>
  /** Adds or merges stories: written to the store, then memory, then announced to other processes. */
  upsert(incoming: Article[]): Promise<UpsertResult>
  /** Applies another process's change from the change log. */
  apply(kind: 'articles' | 'articles-removed', ids: string[]): Promise<void>
  /** Takes stories past the retention window out of memory and the store. */
  sweep(): Promise<void>
  retentionStats(): RetentionStats
  get(id: string): Article | undefined
  count(): number
  /** Newest first; full articles only unless `accept` says otherwise. */
  latest(limit: number, accept?: (a: Article) => boolean): Article[]
  all(): IterableIterator<Article>
  onChange(listener: (changed: Article[]) => void): void
  /** Called with the ids of stories that left the catalogue (retention, or another process's sweep). */
  onRemove(listener: (ids: string[]) => void): void
}

const DAY_MS = 86_400_000
const DELETE_BATCH = 500
const READ_BATCH = 500
/** Set in `meta` once every stored story has its time in the store's articleTimes (stores written before it had none). */
const TIMES_READY = 'article-times:v1'

/** When a story's retention window counts from: its publication or its first sight here, whichever is later. */
export const keptFrom = (article: Article) => Math.max(storyTime(article), Date.parse(article.firstSeenAt) || 0)

/**
 * Articles live in keyv; this keeps a copy in memory so /latest, search and digests never scan the store.
 * Writes go to keyv first, so a crash never leaves memory ahead of disk, then to the change log, from which
 * every other process applies them to its own copy. Beside each record the store keeps when its retention window
 * counts from (store.articleTimes), so start-up reads only the stories inside the window.
 */
export function createArticleStore({ store, changes, classify, retention }: ArticleStoreDeps): ArticleStore {
  const kv = store.ns<Article>('articles')
  const meta = store.ns<number>('meta')
  const times = store.articleTimes
  const byId = new Map<string, Article>()
  const order = createRecencyOrder()
  const listeners: ((changed: Article[]) => void)[] = []
  const removeListeners: ((ids: string[]) => void)[] = []
  let nextSeq = 0
  let removed = 0
  /** Stories older than this (ms) are out; 0 when everything is kept. */
  const horizon = () => (retention && retention.days > 0 ? retention.now().getTime() - retention.days * DAY_MS : 0)
  // The window counts from publication or from first sight here, whichever is later: an archive loaded today stays for it.
  const current = (article: Article, from = horizon()) => from === 0 || keptFrom(article) >= from

  function remember(articles: Article[]) {
    for (const article of articles) {
      byId.set(article.id, article)
      nextSeq = Math.max(nextSeq, article.seq + 1)
    }
    order.set(articles)
    for (const listener of listeners) listener(articles)
  }

  function forget(ids: string[]) {
    const gone = ids.filter((id) => byId.delete(id))
    if (gone.length === 0) return
    order.remove(gone)
    for (const listener of removeListeners) listener(gone)
  }

  async function deleteStored(ids: string[]) {
    for (let i = 0; i < ids.length; i += DELETE_BATCH) {
      const batch = ids.slice(i, i + DELETE_BATCH)
      await kv.deleteMany(batch)
      await times.remove(batch)
      removed += batch.length
      await changes?.append('articles-removed', batch)
    }
  }

  /**
   * A store written before articleTimes existed: every record is read once, its time recorded (the expired ones
   * too, so the next sweep finds them there), and the store marked, so later start-ups read only what is kept.
   */
  async function loadEverything(from: number, record: boolean) {
    let pending: { id: string, t: number }[] = []
    // The id from the record: Redis's listing hands keys back with part of their namespace still on.
    for await (const [, article] of store.entries<Article>('articles')) {
      nextSeq = Math.max(nextSeq, article.seq + 1)
      if (current(article, from)) byId.set(article.id, article)
      if (!record) continue
      pending.push({ id: article.id, t: keptFrom(article) })
      if (pending.length >= 1000) {
        await times.set(pending)
        pending = []
      }
    }
    if (!record) return
    await times.set(pending)
    await meta.set(TIMES_READY, 1)
  }

  return {
    async load(): Promise<number> {
      const from = horizon()
      const indexed = (await meta.get(TIMES_READY)) !== undefined
      if (!indexed || from === 0) await loadEverything(from, !indexed)
      else {
        // Only the window: what is older stays on disk until the sweep deletes it, and costs start-up nothing.
        for await (const ids of times.since(from, READ_BATCH)) {
          const found = await kv.getMany(ids)
          for (const article of found) {
            if (article === undefined) continue
            nextSeq = Math.max(nextSeq, article.seq + 1)
            if (current(article, from)) byId.set(article.id, article)
          }
        }
      }
      order.reset(byId.values())
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
        // A label from the source stays; a story seen first as a stub is labelled again on its full text.
        if (existing?.kind === 'stub' && merged.kind === 'full') merged.category = article.category
        if (classify && merged.category === undefined) merged.category = classify(merged)
        pending.set(article.id, merged)
      }
      if (pending.size > 0) {
        // The time first: one without its record is skipped at load and swept; a record without its time would be lost to start-up.
        await times.set([...pending.values()].map((a) => ({ id: a.id, t: keptFrom(a) })))
        await kv.setMany([...pending].map(([key, value]) => ({ key, value })))
      }
      for (const id of pending.keys()) {
        if (byId.has(id)) result.updated++
        else result.added++
      }
      result.changed = [...pending.values()]
      result.unchanged = incoming.length - result.added - result.updated
      if (pending.size > 0) {
        remember(result.changed)
        await changes?.append('articles', [...pending.keys()])
      }
      return result
    },

    async apply(kind: 'articles' | 'articles-removed', ids: string[]): Promise<void> {
      if (kind === 'articles-removed') return forget(ids)
      const from = horizon()
      const fresh = (await kv.getMany(ids)).filter((a): a is Article => a !== undefined && current(a, from))
      if (fresh.length > 0) remember(fresh)
    },

    /**
     * Retention: stories past the window leave memory (and with it search, related lists and digests),
     * then their stored records, found by time without reading any, are deleted a batch at a time. Any one process may sweep.
     */
    async sweep(): Promise<void> {
      const from = horizon()
      if (from === 0) return
      const expired: string[] = []
      for (const article of byId.values()) if (!current(article, from)) expired.push(article.id)
      forget(expired)
      await deleteStored(expired)
      for (;;) {
        const older = await times.before(from, DELETE_BATCH)
        if (older.length === 0) break
        await deleteStored(older)
      }
    },
    retentionStats: (): RetentionStats => ({ kept: byId.size, removed }),

    get: (id: string) => byId.get(id),
    count: () => byId.size,
    latest(limit: number, accept: (a: Article) => boolean = (a) => a.kind === 'full'): Article[] {
      const out: Article[] = []
      if (limit <= 0) return out
      for (const article of order.newestFirst()) {
        if (accept(article)) out.push(article)
        if (out.length >= limit) break
      }
      return out
    },
    all: () => byId.values(),
    onChange(listener: (changed: Article[]) => void) {
      listeners.push(listener)
    },
    onRemove(listener: (ids: string[]) => void) {
      removeListeners.push(listener)
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

/**
 * The same story seen again: full text beats a stub, a fuller text of the same story beats a cut-off one
 * (a page read while it was still being written), known fields fill gaps, links and outlets add up.
 */
export function mergeArticles(existing: Article, incoming: Article): Article {
  const upgrade = (existing.kind === 'stub' && incoming.kind === 'full') || extends_(existing, incoming)
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

/** True when `incoming` is `existing` continued: same opening, more text (the earlier copy was cut off). */
function extends_(existing: Article, incoming: Article): boolean {
  if (existing.kind !== 'full' || incoming.kind !== 'full') return false
  const before = existing.paragraphs.join('\n')
  const after = incoming.paragraphs.join('\n')
  // The cut may fall inside a word: compare all but the last few characters of the shorter text.
  return after.length > before.length && after.startsWith(before.slice(0, Math.max(1, before.length - 12)))
}
