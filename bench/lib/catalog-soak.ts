// bench:catalog soak child: a year of feed items through the feed-ingest path on a manual clock, with
// retention; /latest and search timed in month 2 and month 12, RSS after a full GC at every month end, a second
// later, and its peak over the month.
// Run as: node --expose-gc --import tsx bench/lib/catalog-soak.ts <ant.jsonl.gz> <dir> <itemsPerDay> <days>
import { join } from 'node:path'
import { writeHeapSnapshot } from 'node:v8'
import { createManualClock } from '../../src/clock.js'
import { loadConfig } from '../../src/config.js'
import { createCore } from '../../src/core.js'
import { createFeedIngest } from '../../src/feeds/feed-ingest.js'
import type { FeedSpec } from '../../src/feeds/feed-list.js'
import { createLogger } from '../../src/logger.js'
import { latestMatching } from '../../src/search/topic-feed.js'
import { BENCH_NOW, DAY_MS, feedItem, loadAnt, percentile, twoWordQueries } from './catalog-texts.js'

const [antPath, dir, perDayText, daysText] = process.argv.slice(2) as [string, string, string, string]
const PER_DAY = Number(perDayText)
const DAYS = Number(daysText)
/** A poll every 48 minutes, as a poller over a few dozen feeds would bring them in. */
const POLLS_PER_DAY = 30
/** Reads between two polls in a measured month: the first /latest after a poll pays for any re-sort. */
const READS_PER_POLL = 4
const MEASURED = new Set([2, 12])
const RETENTION_DAYS = 30

const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('run with node --expose-gc')
const texts = await loadAnt(antPath)
const queries = twoWordQueries(texts, 4096)
const clock = createManualClock(BENCH_NOW - DAYS * DAY_MS)
const config = loadConfig({ STORAGE_URL: `sqlite://${join(dir, 'soak.sqlite')}`, SEEDS_DIR: join(dir, 'seeds'), ARTICLE_RETENTION_DAYS: String(RETENTION_DAYS), LOG_LEVEL: 'warn' })
const core = await createCore(config, createLogger({ level: 'warn', destination: 2 }), { clock })
// As the poller wires it: the core's catalogue, new stories summarised before the poll is done.
const ingest = createFeedIngest({ articles: core.articles, onChanged: async (changed) => { await core.summaries.ensure(changed) }, now: () => clock.now() })
const feeds: FeedSpec[] = ['سياسة', 'اقتصاد', 'رياضة', 'ثقافة', 'تقنية', 'صحة'].map((section, i) => ({ url: `https://feed.example/${i}.xml`, name: `feed${i}`, language: 'ar', section }))

const monthOf = (day: number) => Math.min(12, Math.floor(day / 30) + 1)
/** One month of the soak, as this child prints it and bench/catalog.ts reads it. */
export interface MonthRow {
  month: number
  /** Right after the full GC at month end (how earlier runs read it). */
  rssMb: number
  /** The same, a second later: a full GC moves objects to new pages and frees the old ones on a background thread. */
  settledRssMb: number
  /** Highest RSS read after any poll of the month: the "peak RSS". */
  peakRssMb: number
  heapMb: number
  heapTotalMb: number
  externalMb: number
  kept: number
  latestP99Ms?: number
  searchP99Ms?: number
  latestCalls?: number
  searchCalls?: number
  seconds: number
}
const months: MonthRow[] = []
/** Settling time before the second RSS read, the same at every month end. */
const SETTLE_MS = 1000
let peakRss = 0
let latestTimes: number[] = []
let searchTimes: number[] = []
let next = 0
let q = 0
const started = performance.now()
let monthStarted = started

async function reads() {
  for (let i = 0; i < READS_PER_POLL; i++) {
    // What /latest does without filters: newest-first full stories, then their summaries.
    let t = performance.now()
    const stories = latestMatching({ articles: core.articles, index: core.search.index }, 5, undefined)
    await core.summaries.getMany(stories)
    latestTimes.push(performance.now() - t)
    // What /search does for its first page.
    t = performance.now()
    const ids = core.search.index.search(queries[q++ % queries.length]!, 6, 0)
    ids.slice(0, 5).forEach((id) => core.articles.get(id))
    searchTimes.push(performance.now() - t)
  }
}

for (let day = 0; day < DAYS; day++) {
  const dayStart = BENCH_NOW - (DAYS - day) * DAY_MS
  const month = monthOf(day)
  for (let poll = 0; poll < POLLS_PER_DAY; poll++) {
    const pollAt = dayStart + Math.floor((poll + 1) * DAY_MS / POLLS_PER_DAY)
    clock.set(pollAt)
    const count = Math.floor(PER_DAY * (poll + 1) / POLLS_PER_DAY) - Math.floor(PER_DAY * poll / POLLS_PER_DAY)
    const items = Array.from({ length: count }, (_, i) => feedItem(texts, next + i, pollAt - (count - i) * 1000))
    next += count
    await ingest.ingest(feeds[poll % feeds.length]!, items)
    peakRss = Math.max(peakRss, process.memoryUsage.rss())
    if (MEASURED.has(month)) await reads()
  }
  await core.articles.sweep()
  if (process.env.CATALOG_SOAK_TRACE) process.stderr.write(`day ${day}: ${Math.round(performance.now() - started)} ms, cpu ${Math.round(process.cpuUsage().user / 1000)} ms, ${core.articles.count()} kept\n`)
  const lastOfMonth = day === DAYS - 1 || monthOf(day + 1) !== month
  if (!lastOfMonth) continue
  gc()
  const memory = process.memoryUsage()
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
  const settledRss = process.memoryUsage.rss()
  const seconds = Math.round((performance.now() - monthStarted) / 100) / 10
  const mb = (bytes: number) => Math.round(bytes / 1e6)
  const row: MonthRow = {
    month, rssMb: mb(memory.rss), settledRssMb: mb(settledRss), peakRssMb: mb(peakRss),
    heapMb: mb(memory.heapUsed), heapTotalMb: mb(memory.heapTotal), externalMb: mb(memory.external), kept: core.articles.count(), seconds,
  }
  peakRss = 0
  if (MEASURED.has(month)) {
    Object.assign(row, { latestP99Ms: round(percentile(latestTimes, 0.99)), searchP99Ms: round(percentile(searchTimes, 0.99)), latestCalls: latestTimes.length, searchCalls: searchTimes.length })
    latestTimes = []
    searchTimes = []
  }
  months.push(row)
  // CATALOG_SOAK_HEAP=<dir>: a heap snapshot at each measured month's end, after its row, to diff what grew between them (small runs only).
  if (process.env.CATALOG_SOAK_HEAP && MEASURED.has(month)) writeHeapSnapshot(join(process.env.CATALOG_SOAK_HEAP, `month-${month}.heapsnapshot`))
  // The whole row, so a run stopped later still leaves its measured months.
  process.stderr.write(`soak: month ${month} done in ${row.seconds} s: ${JSON.stringify(row)}\n`)
  monthStarted = performance.now()
}

function round(ms: number) {
  return Math.round(ms * 100) / 100
}

const maxRssMb = Math.round(process.resourceUsage().maxRSS * 1024 / 1e6)
await core.close()
process.stdout.write(`${JSON.stringify({ months, items: next, maxRssMb, seconds: Math.round((performance.now() - started) / 1000), removed: core.articles.retentionStats().removed })}\n`)
