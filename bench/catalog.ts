// bench:catalog (issue #13): start-up time and peak RSS over 3k, 30k and 300k stored articles at the default
// retention and at 0; a year of feed items on a manual clock with 30-day retention (RSS, /latest and search p99,
// month 12 ÷ month 2); and how long one process's feed ingest takes to show in another's /latest and search,
// on one SQLite file and on one Redis. Every measurement runs in fresh child processes (bench/lib/catalog-*.ts).
// Flags: --per-day N (default 3000), --days N (365), --sizes 3000,30000,300000, --retention 0,30, --parts startup,soak,coherence.
// CATALOG_BENCH_DIR=<dir> keeps the prepared stores there for the next run.
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { connectRedis } from '../src/storage/redis-connection.js'
import { deletePrefix } from '../tests/scale/redis-helpers.js'
import { ANT, percentile, wallMs } from './lib/catalog-texts.js'
import { requireShared, table } from './lib/shared-data.js'
import type { MonthRow } from './lib/catalog-soak.js'

const { values: flags } = parseArgs({
  options: {
    'per-day': { type: 'string', default: '3000' },
    days: { type: 'string', default: '365' },
    sizes: { type: 'string', default: '3000,30000,300000' },
    parts: { type: 'string', default: 'startup,soak,coherence' },
    retention: { type: 'string', default: '0,30' },
  },
})
const PER_DAY = Number(flags['per-day'])
const DAYS = Number(flags.days)
const SIZES = flags.sizes!.split(',').map(Number)
const PARTS = new Set(flags.parts!.split(','))
const RETENTIONS = flags.retention!.split(',').map(Number)
const ISSUE_PER_DAY = 3000
const COHERENCE_COUNT = 1000
const COHERENCE_BATCH = 50

const antPath = requireShared(ANT, 'bench:catalog')
const lib = (name: string) => fileURLToPath(new URL(`./lib/${name}`, import.meta.url))
const kept = process.env.CATALOG_BENCH_DIR
const work = kept ?? mkdtempSync(join(tmpdir(), 'khulasa-bench-catalog-'))
mkdirSync(work, { recursive: true })
const children = new Set<number>()
const benchStart = performance.now()
const progress = (what: string) => process.stderr.write(`bench:catalog ${((performance.now() - benchStart) / 1000).toFixed(0)} s: ${what}\n`)
// Children are stopped by their own pid on the way out, whatever ends the bench.
process.on('exit', () => {
  for (const pid of children) {
    try { process.kill(pid) }
    catch { /* already gone */ }
  }
  if (!kept) rmSync(work, { recursive: true, force: true })
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130))

interface Child { lines: AsyncIterator<string>, stdin: NodeJS.WritableStream, done: Promise<string[]> }

/** A node child with tsx; its stdout as lines (all of them once it exits), stderr passed through. */
function child(args: string[], nodeFlags: string[] = []): Child {
  const proc = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', ...args], { stdio: ['pipe', 'pipe', 'inherit'] })
  children.add(proc.pid!)
  const all: string[] = []
  const queue: string[] = []
  let wake: (() => void) | undefined
  let buffer = ''
  let ended = false
  proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk
    const parts = buffer.split('\n')
    buffer = parts.pop()!
    for (const line of parts) { all.push(line); queue.push(line) }
    wake?.()
  })
  const done = new Promise<string[]>((resolve, reject) => proc.on('exit', (code) => {
    children.delete(proc.pid!)
    ended = true
    wake?.()
    if (code === 0) resolve(all)
    else reject(new Error(`${args[0]} exited with ${code}`))
  }))
  const lines: AsyncIterator<string> = {
    async next() {
      while (queue.length === 0 && !ended) await new Promise<void>((resolve) => { wake = resolve })
      return queue.length > 0 ? { value: queue.shift()!, done: false } : { value: undefined, done: true }
    },
  }
  return { lines, stdin: proc.stdin, done }
}

const lastJson = <T>(lines: string[]): T => JSON.parse([...lines].reverse().find((l) => l.startsWith('{'))!) as T
const round = (n: number, places = 0) => Math.round(n * 10 ** places) / 10 ** places

// ---------- start-up ----------
interface StartupRow { articles: number, retentionDays: number, loaded: number, readyMs: number, rssMb: number }
async function startup(): Promise<StartupRow[]> {
  const rows: StartupRow[] = []
  const seeds = join(work, 'empty-seeds')
  mkdirSync(seeds, { recursive: true })
  for (const size of SIZES) {
    const file = join(work, `catalog-${size}.sqlite`)
    if (!existsSync(file)) {
      progress(`writing ${size} stored articles`)
      await child([lib('catalog-prepare.ts'), antPath, file, String(size)]).done
    }
    // Keep-all first: a retention start-up only marks old records for a later sweep, and exits before it.
    for (const retentionDays of RETENTIONS) {
      const spawnedAt = wallMs()
      const result = lastJson<{ readyAt: number, loaded: number, peakRssMb: number }>(await child([lib('catalog-startup.ts'), `sqlite://${file}`, String(retentionDays), seeds]).done)
      rows.push({ articles: size, retentionDays, loaded: result.loaded, readyMs: Math.round(result.readyAt - spawnedAt), rssMb: result.peakRssMb })
      progress(`start-up ${size} @ ${retentionDays} days: ${rows.at(-1)!.readyMs} ms, ${result.peakRssMb} MB`)
    }
  }
  return rows
}

// ---------- soak ----------
type SoakMonth = MonthRow
async function soak() {
  const dir = mkdtempSync(join(work, 'soak-'))
  progress(`soak: ${DAYS} days × ${PER_DAY} items`)
  const result = lastJson<{ months: SoakMonth[], items: number, maxRssMb: number, seconds: number, removed: number }>(
    await child([lib('catalog-soak.ts'), antPath, dir, String(PER_DAY), String(DAYS)], ['--expose-gc']).done)
  rmSync(dir, { recursive: true, force: true })
  const m2 = result.months.find((m) => m.month === 2)
  const m12 = result.months.find((m) => m.month === 12)
  const ratio = (a?: number, b?: number) => (a !== undefined && b ? round(a / b, 2) : null)
  return {
    ...result,
    ratios: { rssRatio: ratio(m12?.rssMb, m2?.rssMb), latestP99Ratio: ratio(m12?.latestP99Ms, m2?.latestP99Ms), searchP99Ratio: ratio(m12?.searchP99Ms, m2?.searchP99Ms) },
    // RSS read right after a full GC includes the pages it is still freeing (month 2 of one run read 2,786 MB, month 3 1,738 MB
    // on the same heap): the settled read and the month's peak are reported beside it.
    rssRatios: { settledRssRatio: ratio(m12?.settledRssMb, m2?.settledRssMb), peakRssRatio: ratio(m12?.peakRssMb, m2?.peakRssMb), heapRatio: ratio(m12?.heapMb, m2?.heapMb) },
  }
}

// ---------- coherence ----------
async function coherenceRun(storageUrl: string, prefix: string) {
  const args = (role: string) => [lib('catalog-coherence.ts'), role, antPath, storageUrl, prefix, String(COHERENCE_COUNT), String(COHERENCE_BATCH)]
  const reader = child(args('reader'))
  await reader.lines.next()
  const writer = child(args('writer'))
  await writer.lines.next()
  writer.stdin.end('go\n')
  const [w, r] = await Promise.all([writer.done, reader.done])
  const written = lastJson<{ at: Record<string, number> }>(w).at
  const seen = lastJson<{ at: Record<string, number> }>(r).at
  const delays = Object.entries(written).flatMap(([marker, t]) => (seen[marker] === undefined ? [] : [seen[marker]! - t]))
  const missing = Object.keys(written).length - delays.length
  return { written: Object.keys(written).length, shown: delays.length, missing, p50Ms: round(percentile(delays, 0.5)), p99Ms: round(percentile(delays, 0.99)), maxMs: round(Math.max(...delays)) }
}

async function coherence() {
  progress('coherence: SQLite')
  const dir = mkdtempSync(join(work, 'coherence-'))
  const sqlite = await coherenceRun(`sqlite://${join(dir, 'shared.sqlite')}`, 'khulasa')
  rmSync(dir, { recursive: true, force: true })
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
  let redis: Awaited<ReturnType<typeof coherenceRun>> | { skipped: string }
  try {
    (await connectRedis(redisUrl, { name: 'bench', connectTimeoutMs: 1500 })).disconnect()
    const prefix = `bench-catalog-${randomUUID().slice(0, 8)}`
    progress(`coherence: Redis (${prefix}:*)`)
    try {
      redis = await coherenceRun(redisUrl, prefix)
    }
    finally {
      await deletePrefix(redisUrl, prefix)
    }
  }
  catch (err) {
    redis = { skipped: `no Redis at ${redisUrl}: ${(err as Error).message}` }
  }
  return { sqlite, redis }
}

// ---------- report ----------
const load = loadavg()[0]!
const startupRows = PARTS.has('startup') ? await startup() : []
const soakResult = PARTS.has('soak') ? await soak() : undefined
const coherenceResult = PARTS.has('coherence') ? await coherence() : undefined

console.log(`\nbench:catalog on ${process.platform}, load average ${load.toFixed(1)} at start (the 2 cores are shared: times stretch with it)`)
if (startupRows.length > 0) {
  console.log('\nStart-up: spawn → core on the SQLite store + seeds folder (empty) ingested; synthetic ANT articles published over the year before the bench\'s "now"')
  console.log(table(startupRows.map((r) => ({ stored: r.articles, 'retention days': r.retentionDays, 'in memory': r.loaded, 'ready ms': r.readyMs, 'peak RSS MB': r.rssMb }))))
}
if (soakResult) {
  const reduced = PER_DAY !== ISSUE_PER_DAY ? ` — REDUCED from the issue's ${ISSUE_PER_DAY} a day with --per-day` : ''
  console.log(`\nSoak: ${DAYS} simulated days × ${PER_DAY} feed items a day${reduced}, 30-day retention, swept daily; ${soakResult.items} items in ${soakResult.seconds} s, ${soakResult.removed} removed by retention; `
    + 'RSS after a full GC at each month end, again a second later (settled), and the highest read after any poll of the month (peak)')
  console.log(table(soakResult.months.map((m) => ({
    month: m.month, 'in memory': m.kept, 'RSS MB': m.rssMb, 'settled RSS MB': m.settledRssMb, 'peak RSS MB': m.peakRssMb, 'heap MB': m.heapMb, 'heap total MB': m.heapTotalMb,
    '/latest p99 ms': m.latestP99Ms ?? '', 'search p99 ms': m.searchP99Ms ?? '', calls: m.latestCalls ?? '', s: m.seconds,
  }))))
  const r = { ...soakResult.ratios, ...soakResult.rssRatios }
  console.log(`month 12 ÷ month 2: RSS ${r.rssRatio} (settled ${r.settledRssRatio}, month's peak ${r.peakRssRatio}, heap ${r.heapRatio}), `
    + `/latest p99 ${r.latestP99Ratio}, search p99 ${r.searchP99Ratio} (target ≤ 1.2 each); peak RSS ${soakResult.maxRssMb} MB`)
}
if (coherenceResult) {
  console.log(`\nCoherence: one process ingests ${COHERENCE_COUNT} feed items (${COHERENCE_BATCH} a poll); time from its commit until the other's /latest and search show each (target p99 ≤ 2000 ms)`)
  const rows = [['SQLite', coherenceResult.sqlite], ['Redis', coherenceResult.redis]] as const
  console.log(table(rows.map(([store, r]) => ('skipped' in r ? { store, shown: r.skipped, 'p50 ms': '', 'p99 ms': '', 'max ms': '' } : { store, shown: `${r.shown}/${r.written}`, 'p50 ms': r.p50Ms, 'p99 ms': r.p99Ms, 'max ms': r.maxMs }))))
}

const json = {
  startup: startupRows.map(({ articles, retentionDays, readyMs, rssMb, loaded }) => ({ articles, retentionDays, readyMs, rssMb, loaded })),
  soak: soakResult
    ? { ...soakResult.ratios, ...soakResult.rssRatios, itemsPerDay: PER_DAY, days: DAYS, reducedFromIssue: PER_DAY !== ISSUE_PER_DAY, maxRssMb: soakResult.maxRssMb, months: soakResult.months }
    : null,
  coherence: coherenceResult
    ? { sqliteP99Ms: coherenceResult.sqlite.p99Ms, redisP99Ms: 'skipped' in coherenceResult.redis ? null : coherenceResult.redis.p99Ms, sqlite: coherenceResult.sqlite, redis: coherenceResult.redis }
    : null,
  loadAverage: round(load, 1),
}
console.log(JSON.stringify(json))
