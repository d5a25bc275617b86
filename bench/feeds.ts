// npm run bench:feeds — items ingested per second from 50 local feeds × 100 items, dedup on, and peak memory.
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createArticleStore } from '../src/articles/article-store.js'
import { readJsonl } from '../src/articles/read-jsonl.js'
import { createFeedPoller, type PollOutcome } from '../src/feeds/feed-poller.js'
import { createLogger } from '../src/logger.js'
import { createStore } from '../src/storage/create-store.js'
import { requireShared, table } from './lib/shared-data.js'
import { createClock } from '../src/clock.js'

const FEEDS = 50
const ITEMS = 100
/** Each feed repeats the last 20 items of the one before (syndication), under other tracking parameters. */
const STEP = 80

const corpus = requireShared('corpora/ant-2018.jsonl.gz', 'bench:feeds')

interface AntRecord { url: string, title: string, published?: string, author?: string, abstract?: string, source: string }

async function sampleRecords(count: number): Promise<AntRecord[]> {
  const all: AntRecord[] = []
  for await (const { record } of readJsonl(corpus, () => {})) {
    const { url, title, published, author, abstract, source } = record as unknown as AntRecord
    // Only the RSS fields: the full texts would inflate the peak memory measured below.
    if (title && url && abstract) all.push({ url, title, published, author, abstract, source })
  }
  const stride = all.length / count
  return Array.from({ length: count }, (_, i) => all[Math.floor(i * stride)]!)
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

function rss(feed: number, items: AntRecord[]): string {
  const body = items.map((r) => `<item><title>${escapeXml(r.title)}</title><link>${escapeXml(`${r.url}?utm_source=feed${feed}&utm_medium=rss`)}</link>`
    + `${r.published ? `<pubDate>${escapeXml(r.published)}</pubDate>` : ''}${r.author ? `<dc:creator>${escapeXml(r.author)}</dc:creator>` : ''}`
    + `<description><![CDATA[<p>${escapeXml(r.abstract ?? '')}</p><p><a href="${escapeXml(r.url)}">اقرأ المزيد</a></p>]]></description></item>`).join('\n')
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>feed ${feed}</title>${body}</channel></rss>`
}

const records = await sampleRecords(STEP * (FEEDS - 1) + ITEMS)
const documents = Array.from({ length: FEEDS }, (_, f) => rss(f, records.slice(f * STEP, f * STEP + ITEMS)))
let validators = true
const server = createServer((req, res) => {
  const f = Number(/^\/feed(\d+)\.xml$/.exec(req.url ?? '')?.[1] ?? NaN)
  const doc = documents[f]
  if (doc === undefined) return void res.writeHead(404).end()
  const etag = `"feed${f}-v1"`
  if (validators && req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end()
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', ...(validators ? { etag } : {}) }).end(doc)
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

global.gc?.()
const baselineRssMb = Math.round(process.memoryUsage().rss / 1024 / 1024)
let peakRss = process.memoryUsage().rss
const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss) }, 20)
const work = mkdtempSync(join(tmpdir(), 'khulasa-bench-feeds-'))
const store = await createStore(`sqlite://${join(work, 'feeds.sqlite')}`)
const articles = createArticleStore({ store })
const clock = createClock()
const poller = createFeedPoller({
  config: {
    FEEDS: Array.from({ length: FEEDS }, (_, f) => `${base}/feed${f}.xml|feed${f}`).join(','),
    FEEDS_FILE: join(work, 'none.json'),
    FEED_INTERVAL: '*/15 * * * *',
    FEED_TIMEOUT_MS: 30_000,
    FEED_MAX_KB: 5120,
    FEED_BACKOFF_MAX_MINUTES: 360,
    FEED_FULL_TEXT: false,
    // The bench's feeds are on 127.0.0.1.
    FEEDS_ALLOW_PRIVATE: true,
  },
  articles,
  store,
  logger: createLogger({ level: 'warn' }),
  now: () => clock.now(),
})

async function run(name: string) {
  const started = performance.now()
  const outcomes = [...(await poller.pollDue()).values()]
  const seconds = (performance.now() - started) / 1000
  const ok = outcomes.filter((o): o is Extract<PollOutcome, { status: 'ok' }> => o.status === 'ok')
  const sum = (pick: (o: (typeof ok)[number]) => number) => ok.reduce((n, o) => n + pick(o), 0)
  return {
    case: name,
    items: FEEDS * ITEMS,
    seconds: +seconds.toFixed(2),
    itemsPerSecond: Math.round((FEEDS * ITEMS) / seconds),
    notModified: outcomes.filter((o) => o.status === 'not-modified').length,
    failed: outcomes.filter((o) => o.status === 'failed').length,
    newStories: sum((o) => o.report.added),
    byUrl: sum((o) => o.report.matched.url),
    byText: sum((o) => o.report.matched.hash),
    byHeadline: sum((o) => o.report.matched.title),
    stories: articles.count(),
    peakRssMb: Math.round(peakRss / 1024 / 1024),
  }
}

const rows = [await run('first poll (all new)'), await run('second poll (ETag → 304)')]
validators = false
rows.push(await run('third poll (no validators, all known)'))
clearInterval(sampler)
await store.close()
server.close()
rmSync(work, { recursive: true, force: true })

process.stdout.write(`${table(rows)}\n`)
process.stdout.write(`${FEEDS} feeds × ${ITEMS} items from ${corpus.split('/').slice(-2).join('/')}; each feed repeats 20 items of the previous one; SQLite store; fetch, parse, HTML stripping, dedup and store, summaries not included; peak RSS includes the local feed server and the generated feeds (${baselineRssMb} MB before the first poll).\n`)
const [first, second, third] = rows
process.stdout.write(`${JSON.stringify({ feeds: FEEDS, itemsPerFeed: ITEMS, itemsPerSecond: first!.itemsPerSecond, seconds: first!.seconds, stories: first!.stories, dedup: { url: first!.byUrl, text: first!.byText, headline: first!.byHeadline }, notModifiedItemsPerSecond: second!.itemsPerSecond, knownItemsPerSecond: third!.itemsPerSecond, peakRssMb: third!.peakRssMb, baselineRssMb })}\n`)
