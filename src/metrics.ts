import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

export type Metrics = ReturnType<typeof createMetrics>

const DEPTH_TIMEOUT_MS = 1000
const SENDS = /^(send|copy|forward)/i

/**
 * Prometheus counters for one process, on a registry of its own (prom-client's global one would
 * mix up two cores in one test process). Modules get plain hook functions, never prom-client.
 */
export function createMetrics() {
  const registry = new Registry()
  const registers = [registry]
  // The hot path adds to plain tallies; each counter copies its tally when /metrics is read. prom-client's own
  // inc() hashes and validates a label object on every call, which a profile shows per update.
  const tallied = (name: string, help: string, label: string, tally: Map<string, number>) => new Counter({
    name, help, labelNames: [label], registers,
    collect() {
      this.reset()
      for (const [value, n] of tally) this.inc({ [label]: value }, n)
    },
  })
  const updates = new Map<string, number>()
  const sent = new Map<string, number>()
  // Series that exist from the start, so a dashboard shows 0 instead of "no data".
  const refused = new Map([['429', 0], ['403', 0]])
  const cache = new Map([['hit', 0], ['miss', 0]])
  const add = (tally: Map<string, number>, key: string, n = 1) => tally.set(key, (tally.get(key) ?? 0) + n)
  tallied('khulasa_updates_handled_total', 'Telegram updates handled, by update type', 'type', updates)
  const updateSeconds = new Histogram({ name: 'khulasa_update_seconds', help: 'Time to handle one update', buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers })
  tallied('khulasa_messages_sent_total', 'Messages Telegram accepted, by API method', 'method', sent)
  tallied('khulasa_telegram_refusals_total', 'Bot API calls refused: 429 (rate limited) and 403 (blocked)', 'code', refused)
  tallied('khulasa_summary_cache_total', 'Summary look-ups, by result (hit: already summarised)', 'result', cache)
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

  let processMetrics = false

  return {
    /** CPU, memory, event-loop lag and GC of this process; only where /metrics is served (each adds observers). */
    collectProcessMetrics() {
      if (processMetrics) return
      processMetrics = true
      collectDefaultMetrics({ register: registry, prefix: 'khulasa_' })
    },
    updateHandled(type: string, seconds: number) {
      add(updates, type)
      updateSeconds.observe(seconds)
    },
    /** One Bot API answer: counts accepted sends, and 429 / 403 refusals. */
    apiAnswered(method: string, errorCode?: number) {
      if (errorCode === undefined) {
        if (SENDS.test(method)) add(sent, method)
      }
      else if (errorCode === 429 || errorCode === 403) add(refused, String(errorCode))
    },
    summaryLookups(hits: number, misses: number) {
      if (hits > 0) add(cache, 'hit', hits)
      if (misses > 0) add(cache, 'miss', misses)
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
      let hits = 0
      for (const s of found) if (s !== undefined) hits++
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
