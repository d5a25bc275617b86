// npm run bench:digest [-- --scale 0.1] [--profile]
// Delivery runs against the fake Bot API (sliding-window limits, 429 when broken), a crash run
// (SIGKILL at 50 % and restart) and a no-network lateness simulation for 1,000,000 subscribers.
// --profile runs the paid run's sender under node --cpu-prof and prints its top self-time functions;
// --cpu-only runs only the paid run, the split CPU run and the bare loop.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { DateTime } from 'luxon'
import { articleFromRecord } from '../src/articles/from-record.js'
import { readJsonl } from '../src/articles/read-jsonl.js'
import type { Article } from '../src/articles/types.js'
import { createCore } from '../src/core.js'
import type { LegacySubscriber as Subscriber } from '../src/digest/subscribers.js'
import { createLogger } from '../src/logger.js'
import { analyze } from '../src/search/analyzer.js'
import type { TopicFilters } from '../src/search/filters.js'
import { createStore } from '../src/storage/create-store.js'
import { loadConfig } from '../src/config.js'
import { startFakeBotApi } from '../tests/helpers/fake-bot-api.js'
import { LATENESS_ZONES, simulateLateness } from './digest-lateness.js'
import { carriedOver, createTally, expectedParts, maxInWindow, rateBetween } from './lib/delivery-tally.js'
import { printProfile } from './lib/profile-webhook.js'
import { createClock } from '../src/clock.js'

const CORPUS = '../shared/corpora/ant-2018.jsonl.gz'
const STORIES = 1500
const ZONES = ['Asia/Riyadh', 'Africa/Cairo', 'Asia/Dubai', 'Europe/London', 'America/New_York']
const silent = createLogger({ level: 'silent' })

if (!existsSync(CORPUS)) {
  console.log(`bench:digest needs ${CORPUS} (the ANT corpus, for stories with categories); it is absent, so nothing was measured.`)
  process.exit(0)
}
const scaleArg = process.argv.indexOf('--scale')
const scale = scaleArg > 0 ? Number(process.argv[scaleArg + 1]) : 1
const big = Math.round(100_000 * scale)
const small = Math.round(3_000 * scale)
const cpuCount = Math.round(20_000 * scale)
const cpuOnly = process.argv.includes('--cpu-only')
const profileDir = process.argv.includes('--profile') ? mkdtempSync(join(tmpdir(), 'khulasa-digest-prof-')) : undefined
// Every subscriber is due at T; the digests hold stories first seen in the 20 hours before.
const T = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000)

interface RunResult {
  name: string
  subscribers: number
  rate: number
  sent: number
  achieved: number
  /** msgs/s between the 10th and the 90th percentile send: the run without its ramp-up and tail. */
  middle: number
  ratePercent: number
  maxInWindow: number
  provoked429: number
  duplicates: number
  lost: number
  composeMs: number
  peakRssMb: number
  seconds: number
  inDoubt: number
  /** Chats whose in-doubt digest's stories are still due for their next digest. */
  carried: number
  /** Lost messages that were not in doubt: a real loss. */
  lostNotInDoubt: number
  /** Bot CPU (user + system) per message Telegram accepted, composing included. */
  cpuUsPerMessage: number
  /** Split run only: CPU of composing every digest, then of delivering them, per message accepted. */
  composeUsPerMessage?: number
  deliveryUsPerMessage?: number
}

const stories = await loadStories()
const results: RunResult[] = []
results.push(await deliveryRun({ name: `${big} at 1000/s (paid)`, subscribers: big, rate: 1000, profileDir }))
if (!cpuOnly) {
  results.push(await deliveryRun({ name: `${small} at 30/s`, subscribers: small, rate: 30 }))
  results.push(await deliveryRun({ name: `${big} at 1000/s, SIGKILL at 50 %`, subscribers: big, rate: 1000, crashAt: 0.5 }))
}
const split = await deliveryRun({ name: `${cpuCount} at 1000/s, all composed before the first send`, subscribers: cpuCount, rate: 1000, split: true })
const bare = await bareRun(cpuCount, 1000)
const cpu = {
  botUsPerMessage: Math.round(results[0]!.cpuUsPerMessage),
  bareUsPerMessage: Math.round(bare.usPerMessage),
  ratio: round(results[0]!.cpuUsPerMessage / bare.usPerMessage),
  composeUsPerMessage: Math.round(split.composeUsPerMessage!),
  deliveryUsPerMessage: Math.round(split.deliveryUsPerMessage!),
  deliveryRatio: round(split.deliveryUsPerMessage! / bare.usPerMessage),
}

console.log(`\nDelivery through the fake Bot API (limits enforced over every sliding 1 s window); ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end`)
console.log('| run | sent | msgs/s | % of rate | msgs/s, middle 80 % | max in 1 s | 429 provoked | duplicates | lost | in doubt (not resent) | carried to next digest | compose | peak RSS | time |')
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
for (const r of [...results, split]) {
  console.log(`| ${r.name} | ${r.sent} | ${r.achieved.toFixed(1)} | ${r.ratePercent.toFixed(2)} % | ${r.middle.toFixed(1)} | ${r.maxInWindow} / ${r.rate} | ${r.provoked429} | ${r.duplicates} | ${r.lost} | ${r.inDoubt} | ${r.carried} | ${r.composeMs} ms | ${r.peakRssMb} MB | ${r.seconds.toFixed(0)} s |`)
}
console.log('\nDelivery CPU in the same run (user + system, all threads): the bot process against a bare telegraf sendMessage loop at the same rate and fake')
console.log('| sender | messages | CPU µs per message | ÷ bare |')
console.log('|---|---:|---:|---:|')
const cpuRow = (label: string, sent: number, us: number) => console.log(`| ${label} | ${sent} | ${us.toFixed(0)} | ${(us / bare.usPerMessage).toFixed(2)} |`)
cpuRow(`khulasa, ${results[0]!.name}: tick, compose, queue, journal, settle`, results[0]!.sent, results[0]!.cpuUsPerMessage)
cpuRow(`khulasa, ${split.name}: compose only`, split.sent, split.composeUsPerMessage!)
cpuRow(`khulasa, ${split.name}: delivery only (queue, journal, settle)`, split.sent, split.deliveryUsPerMessage!)
cpuRow('bare telegraf loop', bare.sent, bare.usPerMessage)
if (cpuOnly) {
  console.log(JSON.stringify({ subscribers: results[0]!.subscribers, ratePercent: round(results[0]!.ratePercent), duplicates: results[0]!.duplicates, lost: results[0]!.lost, cpu }))
  process.exit(0)
}
const lateness = simulateLateness(Math.round(1_000_000 * Math.max(scale, 0.1)), [30, 1000])
console.log(`\nLateness simulation (no network): ${Math.round(1_000_000 * Math.max(scale, 0.1))} subscribers at 07:00–09:00 local in ${LATENESS_ZONES} zones; busiest minute ${lateness[0]!.busiestMinute} digests`)
console.log('| rate | median | p99 | max |')
console.log('|---:|---:|---:|---:|')
for (const l of lateness) console.log(`| ${l.rate}/s | ${duration(l.medianS)} | ${duration(l.p99S)} | ${duration(l.maxS)} |`)
const [paid, free, crash] = results as [RunResult, RunResult, RunResult]
console.log(JSON.stringify({
  subscribers: paid.subscribers,
  ratePercent: round(paid.ratePercent),
  provoked429: paid.provoked429,
  duplicates: paid.duplicates,
  lost: paid.lost,
  composeMs: paid.composeMs,
  peakRssMb: paid.peakRssMb,
  rate30: {
    subscribers: free.subscribers,
    ratePercent: round(free.ratePercent),
    provoked429: free.provoked429,
    duplicates: free.duplicates,
    lost: free.lost,
    composeMs: free.composeMs,
    peakRssMb: free.peakRssMb,
  },
  crashRun: {
    duplicates: crash.duplicates,
    lost: crash.lost,
    inDoubt: crash.inDoubt,
    carried: crash.carried,
    lostNotInDoubt: crash.lostNotInDoubt,
    provoked429: crash.provoked429,
  },
  cpu,
  lateness: Object.fromEntries(lateness.map((l) => [`rate${l.rate}`, { medianS: round(l.medianS), p99S: round(l.p99S) }])),
}))

async function loadStories(): Promise<Article[]> {
  const all: Article[] = []
  for await (const { record } of readJsonl(CORPUS, () => {})) {
    const article = articleFromRecord(record, { source: 'ant', seenAt: T.toISOString() })
    if (typeof article !== 'string') all.push(article)
  }
  // An even spread over the corpus, first seen in the 20 hours before T.
  const step = all.length / STORIES
  return Array.from({ length: STORIES }, (_, i) => {
    const article = all[Math.floor(i * step)]!
    return { ...article, firstSeenAt: new Date(T.getTime() - (1 + ((i * 7919) % 1200)) * 60_000).toISOString() }
  })
}

/** Mixed topic filters: about half follow or mute something, in a dozen distinct sets. */
function filtersFor(i: number): TopicFilters | undefined {
  const category = (key: string) => ({ kind: 'category' as const, key, label: key })
  const keyword = (word: string) => ({ kind: 'keyword' as const, key: analyze(word).join(' '), label: word })
  const sets: (TopicFilters | undefined)[] = [
    undefined, undefined, undefined, undefined,
    { follow: [category('sport')], mute: [] },
    { follow: [category('economy')], mute: [] },
    { follow: [category('technology'), category('culture')], mute: [] },
    { follow: [category('news')], mute: [] },
    { follow: [], mute: [category('sport')] },
    { follow: [keyword('سوريا')], mute: [] },
    { follow: [keyword('النفط')], mute: [category('sport')] },
    { follow: [category('middleEast')], mute: [keyword('كرة')] },
  ]
  return sets[i % sets.length]
}

async function prepareStore(dir: string, subscribers: number): Promise<string> {
  const url = `sqlite://${join(dir, 'bench.sqlite')}`
  const store = await createStore(url)
  const core = await createCore(loadConfig({ STORAGE_URL: url, LOG_LEVEL: 'silent' }), silent, { store, clock: createClock() })
  await core.articles.upsert(stories)
  await core.summaries.ensure(stories)
  const kv = store.ns<Subscriber>('subscribers')
  for (let from = 1; from <= subscribers; from += 1000) {
    const batch: { key: string, value: Subscriber }[] = []
    for (let chatId = from; chatId < Math.min(from + 1000, subscribers + 1); chatId++) {
      const timeZone = ZONES[chatId % ZONES.length]!
      const filters = filtersFor(chatId)
      batch.push({
        key: String(chatId),
        value: {
          chatId,
          languageCode: chatId % 5 === 0 ? 'en' : 'ar',
          active: true,
          digestTime: DateTime.fromJSDate(T, { zone: timeZone }).toFormat('HH:mm'),
          timeZone,
          subscribedAt: new Date(T.getTime() - 86_400_000).toISOString(),
          nextSendAt: T.toISOString(),
          ...(filters ? { filters } : {}),
        },
      })
    }
    await kv.setMany(batch)
  }
  await core.close()
  return url
}

interface RunOptions { name: string, subscribers: number, rate: number, crashAt?: number, split?: boolean, profileDir?: string }

async function deliveryRun({ name, subscribers, rate, crashAt, split, profileDir }: RunOptions): Promise<RunResult> {
  process.stderr.write(`\n${name}: preparing ${subscribers} subscribers…\n`)
  const dir = mkdtempSync(join(tmpdir(), 'khulasa-bench-digest-'))
  const url = await prepareStore(dir, subscribers)
  const api = await startFakeBotApi({ rateLimits: { globalPerSecond: rate, perChatPerSecond: 1 } })
  const tally = createTally(api)
  const env = {
    ...process.env,
    STORAGE_URL: url,
    TELEGRAM_BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    SEND_RATE: String(rate),
    ALLOW_PAID_BROADCAST: rate > 30 ? 'true' : 'false',
    LOG_LEVEL: 'warn',
    BENCH_NOW: new Date(T.getTime() + 30_000).toISOString(),
    ...(split ? { BENCH_SPLIT: '1' } : {}),
  }
  const started = performance.now()
  const reports: SenderReport[] = []
  if (crashAt !== undefined) {
    await runSender(env, () => tally.sent() >= crashAt * subscribers)
    process.stderr.write(`${name}: killed with SIGKILL after ${tally.sent()} messages; restarting\n`)
    env.BENCH_NOW = new Date(T.getTime() + 90_000).toISOString()
  }
  const report = await runSender(env, undefined, profileDir)
  if (report) reports.push(report)
  if (report && profileDir) {
    const file = join(profileDir, readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'))!)
    printProfile(file, name, 10, report.window)
    console.log(`(profile kept in ${file}; window ${report.window.join('–')} µs)`)
  }
  tally.harvest()
  const expected = await expectedParts(url)
  const doubt = await carriedOver(url)
  await api.close()
  rmSync(dir, { recursive: true, force: true })
  const counts = tally.counts()
  let lost = 0
  let lostNotInDoubt = 0
  for (let chatId = 1; chatId <= subscribers; chatId++) {
    if ((counts.perChat.get(chatId) ?? 0) >= (expected.get(chatId) ?? 1)) continue
    lost++
    if (!doubt.inDoubtChats.has(chatId)) lostNotInDoubt++
  }
  const times = tally.times()
  const achieved = times.length > 1 ? (times.length - 1) / ((times.at(-1)! - times[0]!) / 1000) : 0
  const last = reports.at(-1)
  return {
    name,
    subscribers,
    rate,
    sent: times.length,
    achieved,
    middle: rateBetween(times, 0.1, 0.9),
    ratePercent: (achieved / rate) * 100,
    maxInWindow: maxInWindow(times),
    provoked429: api.rateLimitViolations,
    duplicates: counts.duplicates,
    lost,
    composeMs: last?.tick.composeMs ?? 0,
    peakRssMb: Math.max(0, ...reports.map((r) => r.peakRssMb)),
    seconds: (performance.now() - started) / 1000,
    inDoubt: doubt.inDoubt,
    carried: doubt.carried,
    lostNotInDoubt,
    cpuUsPerMessage: last ? last.cpuUs / Math.max(1, last.stats.sent) : 0,
    ...(last?.composeCpuUs !== undefined ? { composeUsPerMessage: last.composeCpuUs / Math.max(1, last.stats.sent) } : {}),
    ...(last?.deliveryCpuUs !== undefined ? { deliveryUsPerMessage: last.deliveryCpuUs / Math.max(1, last.stats.sent) } : {}),
  }
}

/** The baseline: bench/lib/bare-sender.ts sending `count` digest-sized messages at `rate` to its own fake with the same limits. */
async function bareRun(count: number, rate: number): Promise<{ sent: number, usPerMessage: number }> {
  process.stderr.write(`\nbare telegraf loop: ${count} messages at ${rate}/s…\n`)
  const api = await startFakeBotApi({ rateLimits: { globalPerSecond: rate, perChatPerSecond: 1 } })
  const tally = createTally(api)
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/bare-sender.ts'], {
    env: { ...process.env, BARE_API_ROOT: api.apiRoot, BARE_TOKEN: api.token, BARE_COUNT: String(count), BARE_RATE: String(rate) },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString() })
  await new Promise((resolve) => child.on('exit', resolve))
  tally.harvest()
  await api.close()
  const { sent, cpuUs } = JSON.parse(out.trim().split('\n').at(-1)!) as { sent: number, cpuUs: number }
  return { sent, usPerMessage: cpuUs / Math.max(1, sent) }
}

interface SenderReport {
  tick: { composeMs: number, enqueued: number }
  stats: { inDoubt: number, sent: number }
  peakRssMb: number
  cpuUs: number
  composeCpuUs?: number
  deliveryCpuUs?: number
  window: [number, number]
}

/** Runs bench/digest-sender.ts; with `killWhen`, SIGKILLs it as soon as that turns true. */
function runSender(env: NodeJS.ProcessEnv, killWhen?: () => boolean, profileDir?: string): Promise<SenderReport | undefined> {
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'bench/digest-sender.ts'], { env, stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString() })
  const watch = killWhen ? setInterval(() => { if (killWhen()) child.kill('SIGKILL') }, 5) : undefined
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      if (watch) clearInterval(watch)
      if (signal === 'SIGKILL') return resolve(undefined)
      if (code !== 0) return reject(new Error(`digest sender exited with ${code}`))
      resolve(JSON.parse(out.trim().split('\n').at(-1)!) as SenderReport)
    })
  })
}

function duration(seconds: number): string {
  if (seconds < 120) return `${seconds.toFixed(1)} s`
  if (seconds < 7200) return `${(seconds / 60).toFixed(1)} min`
  return `${(seconds / 3600).toFixed(2)} h`
}

function round(n: number): number {
  return Math.round(n * 100) / 100
}
