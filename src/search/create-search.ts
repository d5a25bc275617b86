import type { ArticleStore } from '../articles/article-store.js'
import type { Logger } from '../logger.js'
import { createQueryMemo, type QueryMemo } from './query-memo.js'
import { createRelatedFinder, type RelatedFinder } from './related.js'
import { createSearchIndex, type SearchIndex } from './search-index.js'
import type { TopicClassifier } from './topic-model.js'

/** Related lists computed ahead at start-up: what /latest, digests and inline results show first. */
const WARM_AT_START = 2000
/**
 * After a quiet moment, only the newest changes: a list costs ~40 ms at 90k stories, and the 2,000 warmed after every
 * pause of a busy year were 80 s of CPU at once (bench:catalog soak, 3,000 items a day). The rest are computed when first read.
 */
const WARM_AFTER_QUIET = 200
/** Warming waits until ingest has been quiet this long, so a large import is not slowed by it. */
const WARM_AFTER_QUIET_MS = 2000

/** What the handlers and digests use of search: the index, related lists, and the memo behind page buttons. */
export interface Search {
  classifier: TopicClassifier
  index: SearchIndex
  /** Lists never name a story that has left the catalogue. */
  related: RelatedFinder
  queries: QueryMemo
}

/**
 * The search side of the core: classifier, index, related lists and the query memo for page buttons.
 * Indexes what the store holds now and then follows it through articles.onChange and onRemove.
 */
export function createSearch({ articles, classifier, logger }: { articles: ArticleStore, classifier: TopicClassifier, logger: Logger }): Search {
  const index = createSearchIndex({ classifier })
  const related = createRelatedFinder({ articles, index })
  const started = performance.now()
  index.add(articles.all())
  logger.debug({ articles: index.size(), ms: Math.round(performance.now() - started) }, 'search index built')
  const toWarm = new Set<string>()
  let timer: NodeJS.Timeout | undefined
  /** How many wait: start-up's many until they are warmed, then the newest few. */
  let keep = WARM_AFTER_QUIET
  const warmWhenQuiet = (ids: string[], limit = WARM_AFTER_QUIET) => {
    keep = Math.max(keep, limit)
    for (const id of ids) {
      // Re-added at the end: the set's order is the order of last change, newest last.
      toWarm.delete(id)
      toWarm.add(id)
    }
    // Ingest that never pauses for WARM_AFTER_QUIET_MS (a long import, a busy year) would otherwise keep every id it ever changed.
    while (toWarm.size > keep) toWarm.delete(toWarm.values().next().value!)
    clearTimeout(timer)
    timer = setTimeout(() => {
      const batch = [...toWarm]
      toWarm.clear()
      keep = WARM_AFTER_QUIET
      // One list between two turns of the event loop: eight at ~40 ms each held replies up for a third of a second.
      void related.warm(batch, 1)
    }, WARM_AFTER_QUIET_MS)
    timer.unref()
  }
  articles.onChange((changed) => {
    index.add(changed)
    related.forget(changed.map((a) => a.id))
    warmWhenQuiet(changed.map((a) => a.id))
  })
  articles.onRemove((ids) => {
    index.remove(ids)
    related.forget(ids)
    for (const id of ids) toWarm.delete(id)
  })
  // A list computed before a sweep may name a story that has since left: computed again on its next read.
  const fresh = {
    ...related,
    get(id: string) {
      const list = related.get(id)
      if (!list || list.items.every((item) => articles.get(item.id))) return list
      related.forget([id])
      return related.get(id)
    },
  }
  warmWhenQuiet(articles.latest(WARM_AT_START, () => true).map((a) => a.id).reverse(), WARM_AT_START)
  return { classifier, index, related: fresh, queries: createQueryMemo() }
}
