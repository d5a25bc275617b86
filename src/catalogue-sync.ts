import type { ArticleStore } from './articles/article-store.js'
import type { SummaryStore } from './summarize/summary-store.js'
import type { Logger } from './logger.js'
import type { ChatProfileStore } from './profiles/chat-profiles.js'
import type { ChangeLog } from './storage/change-log.js'

/** Retention runs this often (and once soon after start): cheap, since it only compares dates in memory. */
const SWEEP_EVERY_MS = 10 * 60_000
/** A down store is reported once per this long, not on every poll. */
const WARN_EVERY_MS = 60_000

/**
 * Keeps this process's catalogue and cached chat profiles in step with every other process on the same
 * store: applies their writes and removals from the change log, and sweeps out stories past the retention window.
 */
export function followCatalogue({ changes, cursor, articles, profiles, summaries, logger }: {
  changes: ChangeLog
  cursor: string
  articles: ArticleStore
  profiles: Pick<ChatProfileStore, 'forget'>
  summaries: Pick<SummaryStore, 'forget'>
  logger: Logger
}) {
  let lastWarn = -Infinity
  const stopFollowing = changes.follow(cursor, async (batch) => {
    for (const change of batch) {
      if (change.kind === 'profiles') profiles.forget(change.ids.map(Number))
      else if (change.kind === 'summaries') summaries.forget(change.ids)
      else await articles.apply(change.kind, change.ids)
    }
  }, (err) => {
    const at = performance.now()
    if (at - lastWarn < WARN_EVERY_MS) return
    lastWarn = at
    logger.warn(`cannot read the catalogue's change log (${err.message}); other processes' writes show once it answers`)
  })
  let sweeping: Promise<void> = Promise.resolve()
  const sweep = () => {
    sweeping = sweeping.then(() => articles.sweep()).catch((err: Error) => logger.warn(`retention sweep failed: ${err.message}`))
  }
  const first = setTimeout(sweep, 5_000)
  const timer = setInterval(sweep, SWEEP_EVERY_MS)
  first.unref()
  timer.unref()
  return {
    async stop() {
      clearTimeout(first)
      clearInterval(timer)
      await stopFollowing()
      await sweeping
    },
  }
}
