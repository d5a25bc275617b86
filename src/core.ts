import { createArticleStore } from './articles/article-store.js'
import { createIngester } from './articles/ingest.js'
import type { Article } from './articles/types.js'
import type { Config } from './config.js'
import type { Clock } from './clock.js'
import { createDigests } from './digest/digests.js'
import { createSubscriberStore } from './digest/subscribers.js'
import { createFeedPoller } from './feeds/feed-poller.js'
import { createChatProfiles } from './profiles/chat-profiles.js'
import type { Logger } from './logger.js'
import { countSummaryLookups, createMetrics } from './metrics.js'
import { followCatalogue } from './catalogue-sync.js'
import { fillMissing, startSummaryFill } from './summary-fill.js'
import { createSearch } from './search/create-search.js'
import { storyCategory } from './search/story-category.js'
import { createTopicClassifier, loadTopicModel } from './search/topic-model.js'
import { createChangeLog, type ChangeLog } from './storage/change-log.js'
import { createStore, type Store } from './storage/create-store.js'
import { llmFromConfig } from './summarize/llm-summarizer.js'
import { contentHash, createSummaryStore } from './summarize/summary-store.js'
import { renderDigest } from './telegram/digest-format.js'

export type Core = Awaited<ReturnType<typeof createCore>>

/**
 * Everything the bot knows, without Telegram: the same core serves the bot, the terminal chat and the CLI.
 * The clock is the one source of "now" for ingest, summaries, subscriptions, feeds and digests.
 */
export async function createCore(config: Config, logger: Logger, options: { clock: Clock, store?: Store, changes?: ChangeLog }) {
  const { clock } = options
  const now = () => clock.now()
  const store = options.store ?? await createStore(config.STORAGE_URL, { keyPrefix: config.REDIS_PREFIX })
  const changes = options.changes ?? await createChangeLog(config.STORAGE_URL, { keyPrefix: config.REDIS_PREFIX })
  const classifier = createTopicClassifier(loadTopicModel())
  const articles = createArticleStore({
    store,
    changes,
    classify: (article) => storyCategory(classifier, article),
    retention: { days: config.ARTICLE_RETENTION_DAYS, now },
  })
  const llm = llmFromConfig(config, logger)
  const metrics = createMetrics()
  const summaryStore = createSummaryStore({
    store,
    logger,
    shortChars: config.SUMMARY_SHORT_CHARS,
    longChars: config.SUMMARY_LONG_CHARS,
    llm,
    concurrency: config.OPENAI_CONCURRENCY,
    queueMax: config.OPENAI_QUEUE_MAX,
    now,
    changes,
  })
  // Missing means missing from the store, by content hash: not a reader's lookup, no cache, nothing upgraded.
  const storedSummaries = store.ns('summaries')
  const fill = { find: (batch: Article[]) => storedSummaries.getMany(batch.map(contentHash)), ensure: summaryStore.ensure }
  const summaries = countSummaryLookups(summaryStore, metrics)
  metrics.watchLlmTokens(() => summaries.usage())
  const defaults = { digestTime: config.DIGEST_TIME, timeZone: config.DEFAULT_TZ }
  const profiles = createChatProfiles({ store, changes, defaults })
  const subscribers = createSubscriberStore({ store, clock, profiles, defaults })
  // Seeds and feeds take the same path after parsing: into the catalogue, then summarised.
  const onChanged = async (changed: Article[]) => { await summaries.ensure(changed) }
  const ingester = createIngester({
    articles,
    store,
    logger,
    maxBytes: config.SEED_MAX_MB * 1024 * 1024,
    maxLineBytes: config.SEED_MAX_LINE_KB * 1024,
    onChanged,
    // A story stored by a run that stopped before summarising it is seen as unchanged: it gets its summary now.
    onUnchanged: async (seen: Article[]) => { await fillMissing(fill, seen) },
    now,
  })
  const feeds = createFeedPoller({ config, articles, store, logger, onChanged, now })
  // Read before the load: a write made by another process during it is applied again, never missed.
  const cursor = await changes.tail()
  await profiles.load()
  await articles.load()
  // After load: the index starts from the stored catalogue, then follows articles.onChange and onRemove.
  const search = createSearch({ articles, classifier, logger })
  const catalogue = followCatalogue({ changes, cursor, articles, profiles, summaries, logger })
  const digests = createDigests({ store, articles, summaries, subscribers, profiles, size: config.DIGEST_SIZE, clock, render: renderDigest, logger: logger.child({ job: 'digest' }) })
  await digests.load()
  // In the background: a large store must not delay start-up.
  const summaryFill = startSummaryFill({ ...fill, articles: () => articles.all(), logger })

  return {
    config,
    logger,
    metrics,
    store,
    articles,
    search,
    summaries,
    profiles,
    subscribers,
    clock,
    digests,
    ingester,
    feeds,
    changes,
    async close() {
      await catalogue.stop()
      await summaryFill.stop()
      await feeds.stop()
      await summaries.close()
      await changes.close()
      await store.close()
    },
  }
}
