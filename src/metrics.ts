import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

export type Metrics = ReturnType<typeof createMetrics>

const DEPTH_TIMEOUT_MS = 1000

/**
 * Prometheus counters for one process, on a registry of its own (prom-client's global one would
 * mix up two cores in one test process). Modules get plain hook functions, never prom-client.
 */
export function createMetrics() {
  const registry = new Registry()
  const registers = [registry]
  const updates = new Counter({ name: 'khulasa_updates_handled_total', help: 'Telegram updates handled, by update type', labelNames: ['type'], registers })
  const updateSeconds = new Histogram({ name: 'khulasa_update_seconds', help: 'Time to handle one update', buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers })
  const sent = new Counter({ name: 'khulasa_messages_sent_total', help: 'Messages Telegram accepted, by API method', labelNames: ['method'], registers })
  const refused = new Counter({ name: 'khulasa_telegram_refusals_total', help: 'Bot API calls refused: 429 (rate limited) and 403 (blocked)', labelNames: ['code'], registers })
  const cache = new Counter({ name: 'khulasa_summary_cache_total', help: 'Summary look-ups, by result (hit: already summarised)', labelNames: ['result'], registers })
  let tokenSource: (() => { promptTokens: number, completionTokens: number }) | undefined
  new Counter({
    name: 'khulasa_llm_tokens_total',
    help: 'LLM tokens used since the store was first used, by kind',
    labelNames: ['kind'],
    registers,
    collect() {
      // The summary store keeps the running total; the counter mirrors it.
      const usage = tokenSource?.() ?? { promptTokens: 0, completionTokens: 0 }
      this.reset()
      this.inc({ kind: 'prompt' }, usage.promptTokens)
      this.inc({ kind: 'completion' }, usage.completionTokens)
    },
  })
  const depthSources: (() => number | Promise<number>)[] = []
  new Gauge({
    name: 'khulasa_queue_depth',
    help: 'Outbound messages waiting or in flight (the shared queue counts every instance)',
    registers,
    async collect() {
      // A queue on a Redis that is down would hold /metrics forever: past the deadline the gauge keeps its last value.
      const depths = await Promise.all(depthSources.map((source) => within(Promise.resolve(source()), DEPTH_TIMEOUT_MS))).catch(() => undefined)
      if (depths) this.set(depths.reduce((a, b) => a + b, 0))
    },
  })
  // Series that exist from the start, so a dashboard shows 0 instead of "no data".
  for (const code of ['429', '403']) refused.inc({ code }, 0)
  for (const result of ['hit', 'miss']) cache.inc({ result }, 0)

  let processMetrics = false

  return {
    /** CPU, memory, event-loop lag and GC of this process; only where /metrics is served (each adds observers). */
    collectProcessMetrics() {
      if (processMetrics) return
      processMetrics = true
      collectDefaultMetrics({ register: registry, prefix: 'khulasa_' })
    },
    updateHandled(type: string, seconds: number) {
      updates.inc({ type })
      updateSeconds.observe(seconds)
    },
    /** One Bot API answer: counts accepted sends, and 429 / 403 refusals. */
    apiAnswered(method: string, errorCode?: number) {
      if (errorCode === undefined) {
        if (/^(send|copy|forward)/i.test(method)) sent.inc({ method })
      }
      else if (errorCode === 429 || errorCode === 403) refused.inc({ code: String(errorCode) })
    },
    summaryLookups(hits: number, misses: number) {
      if (hits > 0) cache.inc({ result: 'hit' }, hits)
      if (misses > 0) cache.inc({ result: 'miss' }, misses)
    },
    watchLlmTokens(source: () => { promptTokens: number, completionTokens: number }) {
      tokenSource = source
    },
    watchQueueDepth(source: () => number | Promise<number>) {
      depthSources.push(source)
    },
    contentType: registry.contentType,
    text: () => registry.metrics(),
  }
}

interface SummaryLookups<A> {
  ensure(articles: A[]): Promise<number>
  getMany(articles: A[]): Promise<unknown[]>
}

/** Counts summary cache hits on the store's own calls: a text summarised before is a hit. */
export function countSummaryLookups<A, S extends SummaryLookups<A>>(summaries: S, metrics: Metrics): S {
  const { ensure, getMany } = summaries
  return Object.assign(summaries, {
    async ensure(articles: A[]) {
      const made = await ensure(articles)
      metrics.summaryLookups(articles.length - made, made)
      return made
    },
    async getMany(articles: A[]) {
      const found = await getMany(articles)
      const hits = found.filter((s) => s !== undefined).length
      metrics.summaryLookups(hits, found.length - hits)
      return found
    },
  })
}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms) })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
