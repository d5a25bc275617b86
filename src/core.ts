import { createArticleStore } from './articles/article-store.js'
import { createIngester } from './articles/ingest.js'
import type { Config } from './config.js'
import { createSubscriberStore } from './digest/subscribers.js'
import type { Logger } from './logger.js'
import { createStore, type Store } from './storage/create-store.js'
import { leadSummary } from './summarize/lead-summary.js'
import { createSummaryStore } from './summarize/summary-store.js'

export type Core = Awaited<ReturnType<typeof createCore>>

/** Everything the bot knows, without Telegram: the same core serves the bot, the terminal chat and the CLI. */
export async function createCore(config: Config, logger: Logger, options: { store?: Store } = {}) {
  const store = options.store ?? await createStore(config.STORAGE_URL)
  const articles = createArticleStore({ store })
  const summaries = createSummaryStore({
    store,
    summarize: (article) => ({ short: leadSummary(article.paragraphs, config.SUMMARY_SHORT_CHARS), method: 'lead', createdAt: new Date().toISOString() }),
  })
  const subscribers = createSubscriberStore({ store, defaults: { digestTime: config.DIGEST_TIME, timeZone: config.DEFAULT_TZ } })
  const ingester = createIngester({
    articles,
    store,
    logger,
    maxBytes: config.SEED_MAX_MB * 1024 * 1024,
    onChanged: async (changed) => { await summaries.ensure(changed) },
  })
  await articles.load()

  return {
    config,
    logger,
    store,
    articles,
    summaries,
    subscribers,
    ingester,
    close: () => store.close(),
  }
}
