import { createHash } from 'node:crypto'
import { articleText, compareNewestFirst, type Article } from '../articles/types.js'
import type { Logger } from '../logger.js'
import type { ChangeLog } from '../storage/change-log.js'
import type { Store } from '../storage/create-store.js'
import type { LlmSummarizer } from './llm-summarizer.js'
import { acceptLlmText, digestLine, extractiveTexts, type SummaryTexts } from './summarize-article.js'
import { trimOldest } from '../bounded-map.js'

/**
 * short: lists, at most 2 sentences within SUMMARY_SHORT_CHARS (the LLM's when accepted); long: a single story,
 * within SUMMARY_LONG_CHARS, always extractive; digest: the digest's one line, the first sentence of short.
 * All end where a sentence ends.
 */
export interface Summary extends SummaryTexts {
  method: 'extractive' | 'llm'
  model?: string
  /** What the LLM path decided for this text; absent while it is queued or when no LLM is configured. */
  llm?: 'accepted' | 'rejected'
  reason?: string
  createdAt: string
}

export interface SummaryUsage {
  calls: number
  accepted: number
  rejected: number
  failed: number
  /** Dropped from a full queue (OPENAI_QUEUE_MAX): they keep the extractive summary. */
  deferred: number
  promptTokens: number
  completionTokens: number
}

export interface SummaryStoreDeps {
  store: Store
  logger: Logger
  shortChars: number
  longChars: number
  /** Absent without OPENAI_API_KEY: only the offline summarizer runs. */
  llm?: LlmSummarizer
  concurrency?: number
  /** Articles waiting for the LLM; when full, the oldest story leaves the queue (a big ingest must not turn into a big bill). */
  queueMax?: number
  now: () => Date
  /** An LLM summary that replaces a stored one is announced here; other processes drop their cached copy. */
  changes?: Pick<ChangeLog, 'append'>
}

export interface SummaryStore {
  /** Stores an extractive summary for every article that has none and queues it for the LLM; returns how many were made. */
  ensure(articles: Article[]): Promise<number>
  /** Another process replaced these summaries (an LLM reply): the next read goes to the store. */
  forget(keys: string[]): void
  get(article: Article): Promise<Summary | undefined>
  /** From memory when cached, else one store read; records made by an older summarizer come back made again (and are stored so). */
  getMany(articles: Article[]): Promise<(Summary | undefined)[]>
  /** LLM calls and tokens since the store was first used (kept in the 'meta' namespace), for /stats. */
  usage(): Readonly<SummaryUsage>
  /** Resolves when the LLM queue is empty: for tests, benchmarks and a graceful shutdown. */
  idle(): Promise<void>
  /** Drops queued LLM work and aborts calls in flight, so the store can close under them. */
  close(): Promise<void>
}

const USAGE_KEY = 'llm-usage'
/** Summaries kept in memory, newest use last; /latest and digests read the newest stories, which stay. */
const CACHE_MAX = 20_000

// Articles are replaced, never edited, when their text changes: a story's hash is computed once, not on every reply.
const hashes = new WeakMap<object, string>()

/** Keyed by a hash of the article's content: each text is summarised once, however many readers ask. */
export function contentHash(article: Pick<Article, 'title' | 'paragraphs'>): string {
  let hash = hashes.get(article)
  if (hash === undefined) {
    hash = createHash('sha256').update(article.title).update('\n').update(article.paragraphs.join('\n')).digest('hex').slice(0, 24)
    hashes.set(article, hash)
  }
  return hash
}

/**
 * Summaries in keyv. ensure() stores the extractive summary at once (handlers never wait on a network),
 * then queues the text for the LLM, whose accepted reply replaces the short summary in the background.
 */
export function createSummaryStore(deps: SummaryStoreDeps): SummaryStore {
  const { store, logger, shortChars, longChars, llm, concurrency = 2, queueMax = 500, now, changes } = deps
  const kv = store.ns<Summary>('summaries')
  // Replies read summaries from memory; a summary is written through here, so the copy is never behind this process.
  const cache = new Map<string, Summary>()
  const remember = (key: string, summary: Summary) => {
    cache.delete(key)
    cache.set(key, summary)
    trimOldest(cache, CACHE_MAX)
  }
  const write = async (entries: { key: string, value: Summary }[]) => {
    await kv.setMany(entries)
    for (const { key, value } of entries) remember(key, value)
  }
  const meta = store.ns<SummaryUsage>('meta')
  const usage: SummaryUsage = { calls: 0, accepted: 0, rejected: 0, failed: 0, deferred: 0, promptTokens: 0, completionTokens: 0 }
  const queue: { key: string, article: Article }[] = []
  const queued = new Set<string>()
  let running = 0
  let closed = false
  let idleWaiters: (() => void)[] = []
  // One controller per call: a shared signal would collect a listener per request in flight.
  const inFlight = new Set<AbortController>()
  const usageLoaded = meta.get(USAGE_KEY).then((saved) => { if (saved) Object.assign(usage, saved) }).catch(() => {})

  function extractive(article: Article): Summary {
    return { ...extractiveTexts(article, { shortChars, longChars }), method: 'extractive', createdAt: now().toISOString() }
  }

  /**
   * A record made before summaries ended on whole sentences (no `digest`) is made again; an accepted LLM text
   * is kept when it still passes, and the LLM's decision is kept either way, so the text is not sent again.
   */
  function current(found: Summary | undefined, article: Article): Summary | undefined {
    if (!found || found.long === undefined) return undefined
    if (found.digest !== undefined) return found
    const fresh = extractive(article)
    if (found.llm === undefined) return fresh
    const kept = found.method === 'llm' ? acceptLlmText(found.short, `${article.title}\n${articleText(article)}`, shortChars) : undefined
    if (kept?.ok) return { ...fresh, short: kept.text, digest: digestLine(kept.text), method: 'llm', model: found.model, llm: 'accepted' }
    return { ...fresh, llm: 'rejected', reason: found.reason ?? 'made before the whole-sentence check' }
  }

  // A stub is a headline and a caption: the extractive summary says all there is.
  function enqueue(key: string, article: Article) {
    if (!llm || closed || queued.has(key) || article.kind === 'stub' || queueMax === 0) return
    queued.add(key)
    queue.push({ key, article })
    if (queue.length > queueMax) {
      const [oldest] = queue.splice(extremeIndex((a, b) => compareNewestFirst(b, a)), 1)
      queued.delete(oldest!.key)
      usage.deferred++
    }
    pump()
  }

  /** Index of the queued job that sorts first under `order`. */
  function extremeIndex(order: (a: Article, b: Article) => number): number {
    let best = 0
    for (let i = 1; i < queue.length; i++) if (order(queue[i]!.article, queue[best]!.article) < 0) best = i
    return best
  }

  // Newest story first: that is what readers open next.
  function pump() {
    while (!closed && running < concurrency && queue.length > 0) {
      const [job] = queue.splice(extremeIndex(compareNewestFirst), 1) as [{ key: string, article: Article }]
      running++
      void runLlm(job.key, job.article).finally(() => {
        running--
        queued.delete(job.key)
        pump()
        if (running === 0 && queue.length === 0) for (const wake of idleWaiters.splice(0)) wake()
      })
    }
  }

  async function runLlm(key: string, article: Article) {
    const log = logger.child({ job: 'llm-summary', article: article.id })
    const abort = new AbortController()
    inFlight.add(abort)
    try {
      await usageLoaded
      const result = await llm!.summarize(article, abort.signal)
      if (closed) return
      usage.calls++
      const current = (await kv.get(key)) ?? extractive(article)
      if (!result.ok) {
        usage.failed++
        log.warn({ reason: result.reason, ms: result.ms }, `LLM summary failed (${result.reason}); keeping the extractive summary`)
        return
      }
      usage.promptTokens += result.usage.promptTokens
      usage.completionTokens += result.usage.completionTokens
      const verdict = acceptLlmText(result.text, `${article.title}\n${articleText(article)}`, shortChars)
      if (!verdict.ok) {
        usage.rejected++
        log.warn({ reason: verdict.reason }, `LLM summary rejected (${verdict.reason}); keeping the extractive summary`)
        await write([{ key, value: { ...current, llm: 'rejected', reason: verdict.reason } }])
        return
      }
      usage.accepted++
      await write([{ key, value: { ...current, short: verdict.text, digest: digestLine(verdict.text), method: 'llm', model: llm!.model, llm: 'accepted', createdAt: now().toISOString() } }])
      await changes?.append('summaries', [key])
    }
    catch (err) {
      // Storage trouble in the background must not take the bot down; the extractive summary stays.
      log.error({ err }, 'LLM summary could not be stored')
    }
    finally {
      inFlight.delete(abort)
      if (!closed) await meta.set(USAGE_KEY, usage).catch(() => {})
    }
  }

  /** Records made by an older summarizer come back made again (and are stored so), never with a cut sentence. */
  async function getMany(articles: Article[]): Promise<(Summary | undefined)[]> {
    if (articles.length === 0) return []
    const keys = articles.map(contentHash)
    const found: (Summary | undefined)[] = keys.map((key) => cache.get(key))
    const missing = keys.flatMap((key, i) => (found[i] === undefined ? [i] : []))
    if (missing.length > 0) {
      const read = await kv.getMany(missing.map((i) => keys[i]!))
      missing.forEach((at, j) => {
        const summary = read[j]
        found[at] = summary
        if (summary?.digest !== undefined) remember(keys[at]!, summary)
      })
    }
    const upgraded: { key: string, value: Summary }[] = []
    const out = found.map((summary, i) => {
      if (summary === undefined || summary.digest !== undefined) return summary
      const fresh = current(summary, articles[i]!) ?? extractive(articles[i]!)
      upgraded.push({ key: keys[i]!, value: fresh })
      return fresh
    })
    if (upgraded.length > 0) await write(upgraded)
    return out
  }

  return {
    async ensure(articles) {
      const keys = articles.map(contentHash)
      const existing = keys.length > 0 ? await kv.getMany(keys) : []
      const made: { key: string, value: Summary }[] = []
      articles.forEach((article, i) => {
        const key = keys[i]!
        const found = current(existing[i], article)
        // Missing, or made by an older summarizer: made (again) now.
        if (!found || found !== existing[i]) made.push({ key, value: found ?? extractive(article) })
        // Each text goes to the LLM at most once: its decision, accepted or rejected, is kept with the summary.
        // A failed call (timeout, 429, 5xx) leaves no decision, so the text is tried again when it is seen again.
        if (found?.llm === undefined) enqueue(key, article)
      })
      if (made.length > 0) await write(made)
      return made.length
    },
    forget(keys) {
      for (const key of keys) cache.delete(key)
    },
    get: async (article) => (await getMany([article]))[0],
    getMany,
    usage: () => ({ ...usage }),
    idle() {
      if (running === 0 && queue.length === 0) return Promise.resolve()
      return new Promise((resolve) => idleWaiters.push(resolve))
    },
    async close() {
      closed = true
      queue.length = 0
      for (const abort of inFlight) abort.abort()
      if (running > 0) await new Promise<void>((resolve) => idleWaiters.push(resolve))
      idleWaiters = []
    },
  }
}
