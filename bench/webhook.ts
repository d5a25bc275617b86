// npm run bench:webhook [-- --runs 2 --seconds 10 --warmup 3 --connections 32 --chats 0 --reuse-store --profile latest
//   --profile-out DIR --replies-per-second N --cases latest,search --bare-transport undici]
// The bot (src/main.ts in webhook mode, SQLite) and a bare telegraf bot side by side, facing the same minimal
// fake Bot API and the same load (bench/lib/load.ts, its own process): unique update_ids, every update from a
// new chat (--chats N cycles N chats instead). Cases run bot, bare, bot, bare…; the better run of each counts.
// --profile CASE runs the bot, then the bare bot, each alone under node --cpu-prof for that case, and prints the top
// self-time functions of each and what an update cost every process (CPU µs from /proc, Bot API calls, bytes, TCP connections).
import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { callbackData } from '../src/telegram/callback-data.js'
import type { BareReplies } from './lib/bare-bot.js'
import type { LoadKind, LoadResult, LoadSpec } from './lib/load.js'
import { updateFor } from './lib/load.js'
import { BENCH_TOKEN, startMinimalBotApi, type MinimalBotApi } from './lib/minimal-bot-api.js'
import { printProfile, procCpu } from './lib/profile-webhook.js'
import { sharedPath, table } from './lib/shared-data.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1]! : fallback
}
const RUNS = Number(arg('runs', '2'))
const SECONDS = Number(arg('seconds', '10'))
const WARMUP = Number(arg('warmup', '3'))
const CONNECTIONS = Number(arg('connections', '32'))
const CHATS = Number(arg('chats', '0')) || Number.MAX_SAFE_INTEGER
/** --rate N: updates a second in all (an open schedule) instead of as fast as answered: CPU per update at equal work. */
const RATE = Number(arg('rate', '0'))
const BARE_BALLAST_MB = arg('bare-ballast', '0')
/** --bare-transport undici: the bare bot sends over the bot's Bot API client (src/telegram/bot-api-client.ts) instead of telegraf's. */
const BARE_TRANSPORT = arg('bare-transport', 'telegraf')
const PROFILE = process.argv.includes('--profile') ? arg('profile', 'latest') as LoadKind : undefined
const LOG_LEVEL = arg('log-level', 'info')
/** A reply ceiling for the bot (REPLIES_PER_SECOND); unset, the bot runs as deployed by default, without one. */
const REPLIES_PER_SECOND = process.argv.includes('--replies-per-second') ? arg('replies-per-second', '') : undefined
const SECRET = 'bench-webhook-secret-0123456789'
const PATH = '/telegram/hook'
const CORPUS = sharedPath('corpora/aawsat-2015.jsonl.gz')
const ALL_CASES: LoadKind[] = ['latest', 'search', 'inline', 'callback']
/** --cases latest,search: only these (the probes still learn every case). */
const CASES = process.argv.includes('--cases') ? ALL_CASES.filter((k) => arg('cases', '').split(',').includes(k)) : ALL_CASES
const TARGET_RATIO: Record<LoadKind, number> = { latest: 0.9, search: 0.8, inline: 0.8, callback: 0.9 }
const QUERIES = ['أسعار النفط', 'وزير الدفاع']

const dir = mkdtempSync(join(tmpdir(), 'bench-webhook-'))
const children = new Set<ChildProcess>()
let api: MinimalBotApi | undefined
let nextUpdateId = 1
let nextChatBase = 1_000_000_000

async function cleanup() {
  await Promise.all([...children].map(stop))
  await api?.close()
  rmSync(dir, { recursive: true, force: true })
}
process.on('SIGINT', () => void cleanup().finally(() => process.exit(130)))

/** SIGTERM, then SIGKILL after 15 s; resolves when the process is gone. */
function stop(child: ChildProcess): Promise<void> {
  children.delete(child)
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
    child.once('exit', () => { clearTimeout(timer); resolve() })
    child.kill('SIGTERM')
  })
}

function run(command: string, args: string[], env: Record<string, string>, output: 'pipe' | number = 'pipe'): ChildProcess {
  const child = spawn(command, args, { cwd: root, env: { PATH: process.env.PATH!, HOME: process.env.HOME!, ...env }, stdio: ['ignore', output, output] })
  children.add(child)
  child.once('exit', () => children.delete(child))
  return child
}

function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.once('exit', resolve))
}

/** The store the bot reads: aawsat-2015 through `npm run ingest` when ../shared is present, else seeds/ at startup. */
async function prepareStore(): Promise<{ storageUrl: string, seedsDir: string, data: string }> {
  const file = join(dir, 'bot.sqlite')
  const emptySeeds = join(dir, 'no-seeds')
  mkdirSync(emptySeeds)
  if (!existsSync(CORPUS)) return { storageUrl: `sqlite://${file}`, seedsDir: join(root, 'seeds'), data: `seeds/ (${CORPUS} is absent)` }
  // --reuse-store keeps the ingested store in the temp folder between runs (outside the project).
  const cached = join(tmpdir(), 'khulasa-bench-webhook-aawsat-2015.sqlite')
  if (process.argv.includes('--reuse-store') && existsSync(cached)) {
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(cached + suffix)) copyFileSync(cached + suffix, file + suffix)
    return { storageUrl: `sqlite://${file}`, seedsDir: emptySeeds, data: 'aawsat-2015 (ingested earlier, --reuse-store)' }
  }
  const started = performance.now()
  const ingest = run('npm', ['run', '--silent', 'ingest', '--', CORPUS], { STORAGE_URL: `sqlite://${file}`, ARTICLE_RETENTION_DAYS: '0', LOG_LEVEL: 'warn', SEEDS_DIR: emptySeeds })
  let out = ''
  ingest.stdout!.on('data', (d) => { out += d })
  ingest.stderr!.resume()
  if (await exited(ingest) !== 0) throw new Error(`npm run ingest failed: ${out}`)
  console.log(`${out.trim().split('\n').pop()} (ingest ${((performance.now() - started) / 1000).toFixed(0)} s)`)
  if (process.argv.includes('--reuse-store')) for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) copyFileSync(file + suffix, cached + suffix)
  return { storageUrl: `sqlite://${file}`, seedsDir: emptySeeds, data: 'aawsat-2015 (ingested with npm run ingest)' }
}

/** Waits for a JSON log line `…listening on port N…` in the file the process writes to. */
async function portFrom(child: ChildProcess, log: string, what: string): Promise<number> {
  const deadline = performance.now() + 120_000
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}): ${readFileSync(log, 'utf8').slice(-2000)}`)
    const port = /listening on port (\d+)/.exec(existsSync(log) ? readFileSync(log, 'utf8') : '')?.[1]
    if (port) return Number(port)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${what} did not start listening in 120 s`)
}

async function startBot(store: { storageUrl: string, seedsDir: string }, profileDir?: string) {
  const log = join(dir, `bot-${Date.now()}.log`)
  const out = openSync(log, 'w')
  const child = run(process.execPath, [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), '--import', 'tsx', 'src/main.ts'], {
    TELEGRAM_BOT_TOKEN: BENCH_TOKEN,
    TELEGRAM_API_ROOT: api!.apiRoot,
    WEBHOOK_URL: `https://bench.example.test${PATH}`,
    WEBHOOK_SECRET: SECRET,
    PORT: '0',
    STORAGE_URL: store.storageUrl,
    SEEDS_DIR: store.seedsDir,
    ARTICLE_RETENTION_DAYS: '0',
    FEEDS: '',
    FEEDS_FILE: join(dir, 'no-feeds.json'),
    LOG_LEVEL,
    ...(REPLIES_PER_SECOND ? { REPLIES_PER_SECOND } : {}),
  }, out)
  closeSync(out)
  return { child, url: `http://127.0.0.1:${await portFrom(child, log, 'the bot')}${PATH}` }
}

async function startBare(replies: BareReplies, profileDir?: string) {
  const file = join(dir, 'bare-replies.json')
  writeFileSync(file, JSON.stringify(replies))
  const log = join(dir, 'bare.log')
  const out = openSync(log, 'w')
  const child = run(process.execPath, [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), '--import', 'tsx', 'bench/lib/bare-bot.ts'], { BARE_API_ROOT: api!.apiRoot, BARE_TOKEN: BENCH_TOKEN, BARE_SECRET: SECRET, BARE_PATH: PATH, BARE_REPLIES: file, BARE_BALLAST_MB, BARE_TRANSPORT }, out)
  closeSync(out)
  return { child, url: `http://127.0.0.1:${await portFrom(child, log, 'the bare bot')}${PATH}` }
}

function spec(url: string, kind: LoadKind, text: string, overrides: Partial<LoadSpec> = {}): LoadSpec {
  const s: LoadSpec = {
    url, secret: SECRET, kind, text, connections: CONNECTIONS, warmupMs: WARMUP * 1000, durationMs: SECONDS * 1000,
    firstUpdateId: nextUpdateId, firstChatId: nextChatBase, chats: CHATS, rate: RATE, ...overrides,
  }
  nextUpdateId += 10_000_000
  nextChatBase += 10_000_000
  return s
}

/** One update posted in this process, with the Bot API calls it caused. */
async function probe(url: string, kind: LoadKind, text: string) {
  api!.reset()
  api!.record(true)
  const body = JSON.stringify(updateFor(spec(url, kind, text, { chats: 1 }), 0))
  const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET } })
  api!.record(false)
  if (res.status !== 200) throw new Error(`probe ${kind} «${text}»: HTTP ${res.status}`)
  return api!.calls.filter((c) => !['getMe', 'setMyCommands', 'setWebhook'].includes(c.method))
}

const hasKeyboard = (p: Record<string, unknown>) => Boolean((p.reply_markup as { inline_keyboard?: unknown[] } | undefined)?.inline_keyboard?.length)

/** The bot's own replies per case (the bare bot sends the same), the texts the load sends, and sendMessages per update. */
async function learnCases(botUrl: string) {
  const [latest] = await probe(botUrl, 'latest', '/latest 3')
  const ids = ((await probe(botUrl, 'latest', '/latest 10'))[0]?.payload.reply_markup as { inline_keyboard: { callback_data: string }[][] } | undefined)
    ?.inline_keyboard.flat().map((b) => b.callback_data.split(':').pop()!) ?? []
  let query = QUERIES[0]!
  let search = (await probe(botUrl, 'search', `/search ${query}`))[0]!
  for (const q of QUERIES.slice(1)) {
    if (hasKeyboard(search.payload)) break
    query = q
    search = (await probe(botUrl, 'search', `/search ${query}`))[0]!
  }
  const [inline] = await probe(botUrl, 'inline', query)
  // The first story of the latest ten whose related button lists something.
  let related = ''
  let callback: Awaited<ReturnType<typeof probe>> = []
  for (const id of ids) {
    related = callbackData({ kind: 'related', id })
    callback = await probe(botUrl, 'callback', related)
    if (callback.some((c) => c.method === 'sendMessage' && hasKeyboard(c.payload))) break
  }
  const message = callback.find((c) => c.method === 'sendMessage')
  const answer = callback.find((c) => c.method === 'answerCallbackQuery')
  if (!latest || !inline || !message || !answer) throw new Error('a probe got no answer from the bot')
  const replies: BareReplies = { latest: latest.payload, search: search.payload, inline: inline.payload, callback: { answer: answer.payload, message: message.payload } }
  const texts: Record<LoadKind, string> = { latest: '/latest 3', search: `/search ${query}`, inline: query, callback: related }
  const messagesPerUpdate: Record<LoadKind, number> = { latest: 1, search: 1, inline: 0, callback: callback.filter((c) => c.method === 'sendMessage').length }
  const sizes = Object.fromEntries(ALL_CASES.map((k) => [k, Buffer.byteLength(JSON.stringify(k === 'callback' ? replies.callback.message : replies[k]))]))
  return { replies, texts, messagesPerUpdate, sizes, hits: { search: hasKeyboard(search.payload), related: hasKeyboard(message.payload) } }
}

/** Every update answered exactly once: sendMessages per chat, answers per inline or callback query id. */
function answeredOnce(s: LoadSpec, posted: number, messagesPerUpdate: number): boolean {
  const expected = new Map<number, number>()
  for (let i = 0; i < posted; i++) expected.set(s.firstChatId + (i % s.chats), (expected.get(s.firstChatId + (i % s.chats)) ?? 0) + messagesPerUpdate)
  const chatsRight = messagesPerUpdate === 0 ? api!.messages.size === 0 : api!.messages.size === expected.size && [...expected].every(([chat, n]) => api!.messages.get(chat) === n)
  const queries = s.kind === 'inline' ? api!.inlineAnswers : s.kind === 'callback' ? api!.callbackAnswers : undefined
  const queriesRight = !queries || (queries.size === posted && [...queries.values()].every((n) => n === 1)
    && Array.from({ length: posted }, (_, i) => `q${s.firstUpdateId + i}`).every((id) => queries.has(id)))
  return chatsRight && queriesRight
}

/** What one update cost each process on the shared 2 cores, and what crossed the wire for it. */
interface Cost {
  /** CPU µs per update: the bot under test (whole process, main thread), the fake Bot API (this process), the load generator. */
  cpuUs: { target: number, targetMain: number, api: number, load: number }
  apiCalls: number
  apiBytesIn: number
  apiConnections: number
  apiClosing: number
  webhookSockets: number
  webhookBytes: number
  byMethod: Record<string, number>
}

async function load(s: LoadSpec, messagesPerUpdate: number, pid: number): Promise<LoadResult & { once: boolean, cost: Cost }> {
  api!.reset()
  const before = { target: procCpu(pid), api: process.cpuUsage() }
  const child = run(process.execPath, ['--import', 'tsx', 'bench/lib/load.ts', JSON.stringify(s)], {})
  let out = ''
  child.stdout!.on('data', (d) => { out += d })
  child.stderr!.on('data', (d) => { out += d })
  if (await exited(child) !== 0) throw new Error(`load generator failed: ${out}`)
  const target = procCpu(pid)
  const apiCpu = process.cpuUsage(before.api)
  const result = JSON.parse(out.trim().split('\n').pop()!) as LoadResult
  const n = Math.max(1, result.posted)
  const per = (x: number) => Math.round((x / n) * 10) / 10
  const traffic = api!.traffic()
  const cost: Cost = {
    cpuUs: {
      target: target && before.target ? per((target.process - before.target.process) * 1e6) : NaN,
      targetMain: target && before.target ? per((target.main - before.target.main) * 1e6) : NaN,
      api: per(apiCpu.user + apiCpu.system),
      load: per(result.cpuMs * 1000),
    },
    apiCalls: per(traffic.calls), apiBytesIn: per(traffic.bytesIn), apiConnections: traffic.connections, apiClosing: traffic.closing,
    webhookSockets: result.sockets, webhookBytes: per(result.responseBytes),
    byMethod: Object.fromEntries(Object.entries(traffic.byMethod).map(([m, c]) => [m, per(c)])),
  }
  return { ...result, once: result.errors === 0 && answeredOnce(s, result.posted, messagesPerUpdate), cost }
}

/** One row per process of the differential: where the two bots' updates differ in cost. */
function costRows(kind: string, costs: Record<'bot' | 'bare', Cost>) {
  return (['bot', 'bare'] as const).map((name) => {
    const c = costs[name]
    return {
      case: kind, bot: name, 'CPU µs/update': c.cpuUs.target, 'main thread': c.cpuUs.targetMain, 'fake API': c.cpuUs.api, 'load gen': c.cpuUs.load,
      'API calls/update': c.apiCalls, 'API bytes in/update': c.apiBytesIn, 'API TCP conns': c.apiConnections, 'conn: close': c.apiClosing,
      'webhook sockets': c.webhookSockets, 'webhook answer bytes': c.webhookBytes,
    }
  })
}

const round2 = (n: number) => Math.round(n * 100) / 100

/** CPU seconds of a process's main thread (not the profiler's or SQLite's); undefined without /proc. */
const cpuSeconds = (pid: number) => procCpu(pid)?.main

/**
 * After start-up the bot warms its related lists in the background (2,000 of them, about 10 ms each): measuring
 * before that ends would measure the warming. Waits until the bot's main thread uses under 5 % of a core for 3 s (at most 10 min).
 */
async function waitUntilIdle(pid: number): Promise<string> {
  const started = performance.now()
  let quiet = 0
  const first = cpuSeconds(pid)
  if (first === undefined) {
    await new Promise((resolve) => setTimeout(resolve, 60_000))
    return 'no /proc: waited 60 s for the background warming'
  }
  let last = first
  while (quiet < 3 && performance.now() - started < 600_000) {
    await new Promise((resolve) => setTimeout(resolve, 1000))
    const used = cpuSeconds(pid) ?? last
    quiet = used - last < 0.05 ? quiet + 1 : 0
    last = used
  }
  return `waited ${((performance.now() - started) / 1000).toFixed(0)} s for the bot to go idle (related lists warmed in the background)${quiet < 3 ? ', gave up after 10 min' : ''}`
}

try {
  api = await startMinimalBotApi()
  const loadBefore = loadavg()
  const store = await prepareStore()
  const profileDir = PROFILE ? join(dir, 'profile') : undefined
  const bot = await startBot(store, profileDir)
  const cases = await learnCases(bot.url)
  console.log(await waitUntilIdle(bot.child.pid!))
  console.log(`Store: ${store.data}. Search «${cases.texts.search.slice(8)}» ${cases.hits.search ? 'has hits' : 'has NO hits'}; related button ${cases.texts.callback} ${cases.hits.related ? 'lists stories' : 'lists nothing'}.`)
  console.log(`Reply sizes (JSON bytes of the Bot API call, the same for both bots): ${ALL_CASES.map((k) => `${k} ${cases.sizes[k]}`).join(', ')}`)
  if (PROFILE) {
    // The differential: the bot, then the bare bot, each alone under node --cpu-prof and the same load.
    const result = await load(spec(bot.url, PROFILE, cases.texts[PROFILE]), cases.messagesPerUpdate[PROFILE], bot.child.pid!)
    await stop(bot.child)
    const bareDir = join(dir, 'profile-bare')
    const bare = await startBare(cases.replies, bareDir)
    const bareResult = await load(spec(bare.url, PROFILE, cases.texts[PROFILE]), cases.messagesPerUpdate[PROFILE], bare.child.pid!)
    await stop(bare.child)
    for (const [name, r, folder] of [['bot', result, profileDir!], ['bare bot', bareResult, bareDir]] as const) {
      console.log(`\nProfiled the ${name} under ${CONNECTIONS} connections of ${PROFILE} for ${SECONDS} s after ${WARMUP} s warm-up: ${r.perSecond} updates/s, p99 ${r.p99} ms, answered once ${r.once}`)
      const file = readdirSync(folder).find((f) => f.endsWith('.cpuprofile'))
      if (!file) throw new Error(`the ${name} wrote no .cpuprofile (did it exit cleanly on SIGTERM?)`)
      printProfile(join(folder, file), `${PROFILE} (${name})`, 10, r.window)
      // --profile-out DIR keeps the profiles (for Chrome DevTools or a function-by-function comparison).
      if (process.argv.includes('--profile-out')) {
        mkdirSync(arg('profile-out', '.'), { recursive: true })
        const out = join(arg('profile-out', '.'), `${PROFILE}-${name.replace(' ', '-')}`)
        copyFileSync(join(folder, file), `${out}.cpuprofile`)
        writeFileSync(`${out}.window.json`, JSON.stringify({ window: r.window, completed: r.completed }))
      }
    }
    console.log(`\nCost per update under the profiler (CPU µs per update, warm-up included; ${RATE ? `both at ${RATE} updates/s` : 'each as fast as it answers'}; ${cpus().length} CPUs shared by all four processes):`)
    console.log(table(costRows(PROFILE, { bot: result.cost, bare: bareResult.cost })))
    console.log(JSON.stringify({ cost: { case: PROFILE, bot: result.cost, bare: bareResult.cost } }))
  }
  else {
    const bare = await startBare(cases.replies)
    const rows: Record<string, string | number>[] = []
    const json: Record<string, unknown> = {}
    const costs: ReturnType<typeof costRows> = []
    const costJson: Record<string, unknown> = {}
    let allOnce = true
    for (const kind of CASES) {
      const best = { bot: undefined as Awaited<ReturnType<typeof load>> | undefined, bare: undefined as Awaited<ReturnType<typeof load>> | undefined }
      let once = true
      for (let r = 0; r < RUNS; r++) {
        for (const [name, target] of [['bot', bot], ['bare', bare]] as const) {
          const result = await load(spec(target.url, kind, cases.texts[kind]), cases.messagesPerUpdate[kind], target.child.pid!)
          once &&= result.once
          process.stderr.write(`${kind} ${name} run ${r + 1}: ${result.perSecond}/s p50 ${result.p50} p99 ${result.p99} ms, ${result.posted} posted, ${result.errors} errors, answered once ${result.once}\n`)
          if (!best[name] || result.perSecond > best[name].perSecond) best[name] = result
        }
      }
      allOnce &&= once
      const b = best.bot!
      const bb = best.bare!
      const ratio = round2(b.perSecond / bb.perSecond)
      const p99Ratio = round2(b.p99 / bb.p99)
      rows.push({
        case: kind === 'latest' ? '/latest 3' : kind === 'search' ? '/search' : kind === 'inline' ? 'inline query' : 'related button',
        'bot updates/s': b.perSecond, 'bare updates/s': bb.perSecond,
        ratio: `${ratio} (≥ ${TARGET_RATIO[kind]} ${ratio >= TARGET_RATIO[kind] ? 'pass' : 'FAIL'})`,
        'p99 bot ms': b.p99, 'p99 bare ms': bb.p99,
        'p99 bot/bare': `${p99Ratio} (≤ 1.5 ${p99Ratio <= 1.5 ? 'pass' : 'FAIL'})`,
        'answered once': once ? 'yes' : 'NO',
      })
      json[kind] = { bot: b.perSecond, bare: bb.perSecond, ratio, p99Bot: b.p99, p99Bare: bb.p99, answeredOnce: once }
      costs.push(...costRows(kind, { bot: b.cost, bare: bb.cost }))
      costJson[kind] = { bot: b.cost.cpuUs, bare: bb.cost.cpuUs }
    }
    console.log(`\nWebhook throughput, ${CONNECTIONS} connections, ${SECONDS} s per run after ${WARMUP} s warm-up, better of ${RUNS} alternating runs; ${CHATS === Number.MAX_SAFE_INTEGER ? 'every update from a new chat' : `${CHATS} chats`}; LOG_LEVEL=${LOG_LEVEL}`)
    console.log(REPLIES_PER_SECOND
      ? `The bot runs with REPLIES_PER_SECOND=${REPLIES_PER_SECOND} (--replies-per-second), NOT as deployed by default: a case near ${REPLIES_PER_SECOND}/s is held by that ceiling.`
      : 'The bot runs as deployed by default: no reply ceiling across chats (REPLIES_PER_SECOND unset), one message a second per chat.')
    console.log(BARE_TRANSPORT === 'undici'
      ? 'The bare bot sends over the bot\'s own Bot API client (undici, --bare-transport undici), NOT telegraf\'s node-fetch client.'
      : 'The bare bot sends over telegraf\'s own client (node-fetch); the bot over undici (src/telegram/bot-api-client.ts).')
    console.log(`${cpus().length} CPUs; load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')} before, ${loadavg().map((l) => l.toFixed(1)).join(' ')} after`)
    console.log(table(rows))
    console.log('\nCost per update of the counted runs (CPU µs per update, warm-up included; fake API and load generator share the cores):')
    console.log(table(costs))
    console.log(JSON.stringify({ cost: costJson }))
    console.log(JSON.stringify({ cases: json, answeredOnce: allOnce, store: store.data.split(' ')[0], repliesPerSecond: REPLIES_PER_SECOND ? Number(REPLIES_PER_SECOND) : null, bareTransport: BARE_TRANSPORT }))
  }
}
finally {
  await cleanup()
}
