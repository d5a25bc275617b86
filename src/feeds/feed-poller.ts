import cron, { type RunCoordinator, type ScheduledTask } from 'node-cron'
import type { ArticleStore } from '../articles/article-store.js'
import type { Article } from '../articles/types.js'
import type { Config } from '../config.js'
import type { Logger } from '../logger.js'
import { withoutCredentials } from '../net/credentials.js'
import { guardedFetch, type FetchOptions } from '../net/guarded-fetch.js'
import type { Store } from '../storage/create-store.js'
import { decodeBody } from './decode-body.js'
import { createFeedIngest, type FeedIngestReport } from './feed-ingest.js'
import { loadFeedsFile, mergeFeedLists, parseFeedsEnv, type FeedSpec } from './feed-list.js'
import { createFeedRegistry, type FeedState, type ListedFeed } from './feed-registry.js'
import { fetchFullText } from './full-text.js'
import { parseFeed } from './parse-feed.js'

export type FeedConfig = Pick<Config, 'FEEDS' | 'FEEDS_FILE' | 'FEED_INTERVAL' | 'FEED_TIMEOUT_MS' | 'FEED_MAX_KB' | 'FEED_BACKOFF_MAX_MINUTES' | 'FEED_FULL_TEXT' | 'FEEDS_ALLOW_PRIVATE'>

export interface FeedPollerDeps {
  config: FeedConfig
  articles: ArticleStore
  store: Store
  logger: Logger
  /** Called with every batch of stories that changed, e.g. to summarise them. */
  onChanged?: (changed: Article[]) => Promise<void> | void
  /** Tests answer DNS themselves and stand a loopback address in for the internet. */
  network?: Pick<FetchOptions, 'resolve' | 'refusal'>
  now: () => Date
}

export type PollOutcome =
  | { status: 'ok', report: FeedIngestReport }
  | { status: 'not-modified' }
  | { status: 'failed', error: string, failures: number, retryAt: string }
  | { status: 'waiting', retryAt: string }

export interface FeedStatus extends ListedFeed { state: FeedState }

/** Five minutes after the first failure, doubling per failure. */
const BACKOFF_BASE_MINUTES = 5
const POLL_CONCURRENCY = 8

function backoffMinutes(failures: number, maxMinutes: number): number {
  return Math.min(maxMinutes, BACKOFF_BASE_MINUTES * 2 ** Math.min(30, Math.max(0, failures - 1)))
}

export type FeedPoller = ReturnType<typeof createFeedPoller>

/**
 * Polls every feed on FEED_INTERVAL. One feed's failure (timeout, 500, oversize, broken XML, an HTML page)
 * is one log line and a growing wait for that feed alone; the others poll as usual.
 */
export function createFeedPoller({ config, articles, store, logger, onChanged, network, now }: FeedPollerDeps) {
  const limits: FetchOptions = { timeoutMs: config.FEED_TIMEOUT_MS, maxBytes: config.FEED_MAX_KB * 1024, allowPrivate: config.FEEDS_ALLOW_PRIVATE, ...network }
  let configured: Promise<FeedSpec[]> | undefined
  const configuredFeeds = () => configured ??= loadConfigured(config, logger)
  const registry = createFeedRegistry({ store, configured: configuredFeeds })
  const ingest = createFeedIngest({
    articles,
    onChanged,
    now,
    fullText: config.FEED_FULL_TEXT ? (url) => fetchFullText(url, limits) : undefined,
  })
  let task: ScheduledTask | undefined
  let running: Promise<unknown> | undefined
  let stopped = false

  async function fetchAndIngest(feed: FeedSpec, state: FeedState) {
    const headers: Record<string, string> = { accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5' }
    if (state.etag) headers['if-none-match'] = state.etag
    if (state.lastModified) headers['if-modified-since'] = state.lastModified
    const response = await guardedFetch(feed.url, { ...limits, headers })
    if (response.status === 304) return { response }
    const type = response.headers.get('content-type')
    const parsed = await parseFeed(decodeBody(response.bytes, type), type)
    return { response, report: await ingest.ingest(feed, parsed.items) }
  }

  async function pollFeed(feed: FeedSpec, { force = false } = {}): Promise<PollOutcome> {
    const state = await registry.state(feed.url)
    const started = now()
    if (!force && state.nextAttemptAt && Date.parse(state.nextAttemptAt) > started.getTime()) return { status: 'waiting', retryAt: state.nextAttemptAt }
    const log = logger.child({ job: 'feed', feed: feed.name, url: withoutCredentials(feed.url) })
    const at = started.toISOString()
    try {
      const { response, report } = await fetchAndIngest(feed, state)
      await registry.saveState({
        ...state,
        lastAttemptAt: at,
        lastSuccessAt: at,
        failures: 0,
        nextAttemptAt: undefined,
        // A 304 keeps the validators it answered; a full answer brings its own or none.
        etag: report ? response.headers.get('etag') ?? undefined : state.etag,
        lastModified: report ? response.headers.get('last-modified') ?? undefined : state.lastModified,
        lastItems: report ? report.items : state.lastItems,
        lastAdded: report ? report.added : state.lastAdded,
      })
      if (!report) {
        log.debug(`feed ${feed.name}: not modified (304)`)
        return { status: 'not-modified' }
      }
      logReport(log, feed, report)
      return { status: 'ok', report }
    }
    catch (err) {
      const failures = state.failures + 1
      const wait = backoffMinutes(failures, config.FEED_BACKOFF_MAX_MINUTES)
      const retryAt = new Date(started.getTime() + wait * 60_000).toISOString()
      const error = (err as Error).message
      await registry.saveState({ ...state, lastAttemptAt: at, lastErrorAt: at, lastError: error, failures, nextAttemptAt: retryAt })
      log.warn({ failures, retryAt }, `feed ${feed.name}: ${error}; next attempt in ${wait} min (failure ${failures} in a row)`)
      return { status: 'failed', error, failures, retryAt }
    }
  }

  async function pollDue(): Promise<Map<string, PollOutcome>> {
    const feeds = await registry.list()
    const outcomes = new Map<string, PollOutcome>()
    let cursor = 0
    const worker = async () => {
      while (cursor < feeds.length && !stopped) {
        const feed = feeds[cursor++]!
        outcomes.set(feed.url, await pollFeed(feed))
      }
    }
    await Promise.all(Array.from({ length: Math.min(POLL_CONCURRENCY, feeds.length) }, worker))
    return outcomes
  }

  const tick = async () => {
    if (running || stopped) return
    running = pollDue()
      .catch((err: Error) => logger.error({ err }, `feed poll failed: ${err.message}`))
      .finally(() => { running = undefined })
    await running
  }

  return {
    registry,
    pollFeed,
    pollDue,

    /**
     * Polls now, then on FEED_INTERVAL. With a run coordinator (several instances sharing Redis)
     * one instance polls each tick, so a feed is not fetched once per instance.
     */
    start({ coordinator }: { coordinator?: RunCoordinator } = {}) {
      stopped = false
      task = cron.schedule(config.FEED_INTERVAL, tick, { name: 'feed-poll', noOverlap: true, ...(coordinator ? { distributed: true, runCoordinator: coordinator } : {}) })
      void configuredFeeds().then((feeds) => logger.info(`feeds: ${feeds.length} configured, polled on "${config.FEED_INTERVAL}"`))
      void (async () => {
        const elected = coordinator ? await Promise.resolve(coordinator.shouldRun('feed-poll:startup', 55_000)).catch(() => false) : true
        if (elected) await tick()
      })()
    },

    async stop() {
      stopped = true
      await task?.destroy()
      task = undefined
      await running
    },

    /** Every polled feed with its state: last success, last error, failures in a row, next attempt. */
    async status(): Promise<FeedStatus[]> {
      const feeds = await registry.list()
      return Promise.all(feeds.map(async (feed) => ({ ...feed, state: await registry.state(feed.url) })))
    },
  }
}

async function loadConfigured(config: FeedConfig, logger: Logger): Promise<FeedSpec[]> {
  const fromFile = await loadFeedsFile(config.FEEDS_FILE).catch((err: Error) => {
    logger.error(`feeds: ${err.message}; the feeds in it are not polled until it is fixed`)
    return []
  })
  return mergeFeedLists(parseFeedsEnv(config.FEEDS), fromFile)
}

function logReport(log: Logger, feed: FeedSpec, report: FeedIngestReport) {
  const { items, added, updated, skipped, matched } = report
  const joined = matched.hash + matched.title + matched.url
  const parts = [`${items} item(s)`, `${added} new`, `${updated} updated`, `${joined} matched known stories (url ${matched.url}, text ${matched.hash}, headline ${matched.title})`]
  if (skipped) parts.push(`${skipped} skipped: ${report.skipReason}`)
  if (report.noFullText) parts.push(`${report.noFullText} without full text: ${report.noFullTextReason}`)
  log[added + updated > 0 || skipped > 0 ? 'info' : 'debug'](report, `feed ${feed.name}: ${parts.join(', ')}`)
}
