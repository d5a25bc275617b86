// bench:catalog coherence child, two roles on one store. The writer ingests feed polls and prints when
// each story was committed (its own catalogue took it, after the store's write); the reader prints when
// each story showed in its /latest list and its search. Times are wall ms, comparable across processes.
// Run as: node --import tsx bench/lib/catalog-coherence.ts <writer|reader> <ant.jsonl.gz> <storageUrl> <prefix> <count> <batch>
import { createInterface } from 'node:readline'
import { createClock } from '../../src/clock.js'
import { loadConfig } from '../../src/config.js'
import { createCore } from '../../src/core.js'
import { createFeedIngest } from '../../src/feeds/feed-ingest.js'
import { createLogger } from '../../src/logger.js'
import { latestMatching } from '../../src/search/topic-feed.js'
import { feedItem, loadAnt, wallMs } from './catalog-texts.js'

const [role, antPath, storageUrl, prefix, countText, batchText] = process.argv.slice(2) as [string, string, string, string, string, string]
const COUNT = Number(countText)
const BATCH = Number(batchText)
/** Copies far past the corpus's own texts, so the stories are new to any store the bench made before. */
const FIRST = 5_000_000
const MARKER = /كود[\u0621-\u064a]+ظ/u
/** Polls this far apart: a few seconds of steady writes, as one poll after another lands. */
const POLL_GAP_MS = 200
const TIMEOUT_MS = 60_000

const texts = role === 'writer' ? await loadAnt(antPath) : []
const clock = createClock()
const config = loadConfig({ STORAGE_URL: storageUrl, REDIS_PREFIX: prefix, LOG_LEVEL: 'warn', SEEDS_DIR: '/nonexistent' })
const core = await createCore(config, createLogger({ level: 'warn', destination: 2 }), { clock })
const at: Record<string, number> = {}
const markerOf = (title: string) => MARKER.exec(title)?.[0]

if (role === 'writer') {
  core.articles.onChange((changed) => {
    const t = wallMs()
    for (const a of changed) {
      const marker = markerOf(a.title)
      if (marker && at[marker] === undefined) at[marker] = t
    }
  })
  const ingest = createFeedIngest({ articles: core.articles, onChanged: async (changed) => { await core.summaries.ensure(changed) }, now: () => clock.now() })
  const feed = { url: 'https://feed.example/coherence.xml', name: 'coherence', language: 'ar' }
  // ANT repeats some headlines; a repeat would join its first story and the bench would count fewer than COUNT.
  const titles = new Set<string>()
  const picks: number[] = []
  for (let n = FIRST; picks.length < COUNT; n++) {
    const title = texts[n % texts.length]!.title
    if (!titles.has(title)) picks.push(n)
    titles.add(title)
  }
  await waitForGo()
  for (let start = 0; start < COUNT; start += BATCH) {
    const now = clock.now().getTime()
    const items = picks.slice(start, start + BATCH).map((n, i) => feedItem(texts, n, now - i * 1000, true))
    await ingest.ingest(feed, items)
    await new Promise((resolve) => setTimeout(resolve, POLL_GAP_MS))
  }
}
else {
  // Each story the catalogue takes in is looked for the way /latest and /search find it, until both show it.
  const pending = new Map<string, string>()
  let firstSeen: number | undefined
  let checking: NodeJS.Timeout | undefined
  const check = () => {
    checking = undefined
    const shown = new Set(latestMatching({ articles: core.articles, index: core.search.index }, core.articles.count(), undefined).map((a) => a.id))
    const t = wallMs()
    for (const [marker, id] of pending) {
      if (shown.has(id) && core.search.index.search(marker, 6).includes(id)) {
        at[marker] = t
        pending.delete(marker)
      }
    }
    if (pending.size > 0) checking = setTimeout(check, 5)
  }
  core.articles.onChange((changed) => {
    firstSeen ??= performance.now()
    for (const a of changed) {
      const marker = markerOf(a.title)
      if (marker && at[marker] === undefined) pending.set(marker, a.id)
    }
    checking ??= setTimeout(check, 0)
  })
  process.stdout.write('ready\n')
  // The wait counts from the first story seen, not from ready: the writer's own start (reading ANT) took most
  // of a fixed minute on a loaded machine, and the last polls were reported missing when they were only late.
  const started = performance.now()
  const deadline = () => (firstSeen === undefined ? started + 10 * TIMEOUT_MS : firstSeen + TIMEOUT_MS)
  while (Object.keys(at).length < COUNT && performance.now() < deadline()) await new Promise((resolve) => setTimeout(resolve, 20))
  clearTimeout(checking)
}

await core.close()
process.stdout.write(`${JSON.stringify({ role, at })}\n`)
// stdin (the writer's go line) would keep the process alive.
process.exit(0)

async function waitForGo() {
  process.stdout.write('ready\n')
  for await (const line of createInterface({ input: process.stdin })) if (line.trim() === 'go') return
}
