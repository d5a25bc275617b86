import { createArticleStore } from '../../src/articles/article-store.js'
import type { Article } from '../../src/articles/types.js'
import { createFeedPoller, type FeedConfig, type FeedPollerDeps } from '../../src/feeds/feed-poller.js'
import { createStore, type Store } from '../../src/storage/create-store.js'
import { captureLogger } from '../helpers/core.js'

export interface PollerHarness {
  poller: ReturnType<typeof createFeedPoller>
  articles: ReturnType<typeof createArticleStore>
  store: Store
  log: ReturnType<typeof captureLogger>
  changed: Article[][]
  clock: { now: Date, advanceMinutes: (m: number) => void }
  stories: () => Article[]
}

/**
 * A poller over a memory store with a hand-moved clock and a logger the test reads back. Its feeds are on
 * 127.0.0.1, so FEEDS_ALLOW_PRIVATE is on unless a test turns it off; `network` answers DNS for made-up names.
 */
export async function pollerHarness(config: Partial<FeedConfig> = {}, store?: Store, network?: FeedPollerDeps['network']): Promise<PollerHarness> {
  const db = store ?? await createStore('memory://')
  const articles = createArticleStore({ store: db })
  await articles.load()
  const log = captureLogger()
  const changed: Article[][] = []
  const clock = { now: new Date('2026-11-29T06:00:00Z'), advanceMinutes(m: number) { this.now = new Date(this.now.getTime() + m * 60_000) } }
  const poller = createFeedPoller({
    config: { FEEDS: '', FEEDS_FILE: '/nonexistent/feeds.json', FEED_INTERVAL: '*/15 * * * *', FEED_TIMEOUT_MS: 1000, FEED_MAX_KB: 256, FEED_BACKOFF_MAX_MINUTES: 360, FEED_FULL_TEXT: false, FEEDS_ALLOW_PRIVATE: true, ...config },
    articles,
    store: db,
    logger: log.logger,
    onChanged: (batch) => void changed.push(batch),
    now: () => clock.now,
    network,
  })
  return { poller, articles, store: db, log, changed, clock, stories: () => [...articles.all()].sort((a, b) => a.seq - b.seq) }
}
