import type { Article } from './articles/types.js'
import type { Logger } from './logger.js'

export interface SummaryFillDeps {
  /** The stored summary of each article, undefined where there is none. */
  find: (articles: Article[]) => Promise<unknown[]>
  /** Makes and stores the summaries of articles that have none. */
  ensure: (articles: Article[]) => Promise<unknown>
}

const BATCH = 500
/** Summarising is CPU work: a few at a time, so replies and start-up get the event loop between them. */
const SUMMARISE_CHUNK = 10

const nextTurn = () => new Promise((resolve) => setImmediate(resolve))

/** The articles of `batch` that have no stored summary get one; returns how many did. */
export async function fillMissing({ find, ensure }: SummaryFillDeps, batch: Article[]): Promise<number> {
  if (batch.length === 0) return 0
  const found = await find(batch)
  const missing = batch.filter((_, i) => found[i] === undefined)
  for (let i = 0; i < missing.length; i += SUMMARISE_CHUNK) {
    if (i > 0) await nextTurn()
    await ensure(missing.slice(i, i + SUMMARISE_CHUNK))
  }
  return missing.length
}

/**
 * A background pass over the catalogue at start-up: a story stored without a summary (an ingest killed
 * between its write and its summaries) gets one. Batched, yielding between batches, so start-up and
 * replies never wait on it; ends with one log line. `stop` ends it after the batch in hand.
 */
export function startSummaryFill(deps: SummaryFillDeps & { articles: () => Iterable<Article>, logger: Logger }) {
  let stopped = false
  const done = (async () => {
    await nextTurn()
    const all = [...deps.articles()]
    let filled = 0
    for (let i = 0; i < all.length && !stopped; i += BATCH) {
      filled += await fillMissing(deps, all.slice(i, i + BATCH))
      await nextTurn()
    }
    const line = `summaries: ${filled} missing of ${all.length} stored stories filled in${stopped ? ' before shutdown' : ''}`
    if (filled > 0) deps.logger.info(line)
    else deps.logger.debug(line)
    return filled
  })().catch((err: Error) => {
    deps.logger.warn(`summaries: filling in missing ones stopped: ${err.message}; they are filled at the next start`)
    return 0
  })
  return {
    done,
    async stop() {
      stopped = true
      await done
    },
  }
}
