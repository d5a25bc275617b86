// bench:scale: webhook updates/s handled by 1 and by 2 bot processes (src/main.ts in webhook mode,
// sharing one Redis), with p50/p99 latency, and the digest delivery rate of 2 processes sharing one
// limiter, counted by the fake Bot API's sliding one-second window. Needs Redis (REDIS_URL, else
// 127.0.0.1:6379); keys go to database 14 under a fresh prefix and are deleted afterwards.
import { randomUUID } from 'node:crypto'
import { createStore } from '../src/storage/create-store.js'
import { connectRedis } from '../src/storage/redis-connection.js'
import { startFakeBotApi } from '../tests/helpers/fake-bot-api.js'
import { messageUpdate } from '../tests/helpers/updates.js'
import { startInstance, type Instance } from '../tests/scale/instances.js'
import { deletePrefix, waitFor } from '../tests/scale/redis-helpers.js'
import { seedDueSubscribers } from '../tests/scale/subscribers.js'

const UPDATES = Number(process.env.BENCH_UPDATES ?? 1500)
const CONCURRENCY = 32
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 240)
const SEND_RATE = 30
const url = `${(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379').replace(/\/\d*$/, '')}/14`

try {
  (await connectRedis(url, { name: 'bench', connectTimeoutMs: 1500 })).disconnect()
}
catch (err) {
  console.log(`bench:scale needs Redis (REDIS_URL or 127.0.0.1:6379): ${(err as Error).message}; nothing was measured.`)
  process.exit(0)
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!
}

async function withInstances<T>(count: number, env: Record<string, string>, run: (instances: Instance[]) => Promise<T>): Promise<T> {
  const instances = await Promise.all(Array.from({ length: count }, () => startInstance(env)))
  try {
    return await run(instances)
  }
  finally {
    await Promise.all(instances.map((i) => i.stop()))
  }
}

/** `/latest 3` from distinct chats, CONCURRENCY at a time, round-robin over the instances. */
async function webhookRun(processes: number) {
  const prefix = `bench-${randomUUID().slice(0, 8)}`
  const api = await startFakeBotApi()
  try {
    return await withInstances(processes, { TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, STORAGE_URL: url, REDIS_PREFIX: prefix }, async (instances) => {
      const fire = async (count: number, firstChat: number) => {
        const latencies: number[] = []
        let next = 0
        const started = performance.now()
        await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
          for (let i = next++; i < count; i = next++) {
            const update = messageUpdate({ text: '/latest 3', chatId: firstChat + i })
            const sent = performance.now()
            const status = await instances[i % instances.length]!.post(update)
            if (status !== 200) throw new Error(`update ${i}: HTTP ${status}`)
            latencies.push(performance.now() - sent)
          }
        }))
        return { seconds: (performance.now() - started) / 1000, latencies: latencies.sort((a, b) => a - b) }
      }
      await fire(100, 1_000_000)
      const { seconds, latencies } = await fire(UPDATES, 2_000_000)
      const answered = api.sent().length
      return {
        processes,
        updates: UPDATES,
        perSecond: Math.round(UPDATES / seconds),
        p50Ms: Math.round(percentile(latencies, 0.5) * 10) / 10,
        p99Ms: Math.round(percentile(latencies, 0.99) * 10) / 10,
        answered: answered - 100,
      }
    })
  }
  finally {
    await api.close()
    await deletePrefix(url, prefix)
  }
}

/** Every subscriber due at once, two instances delivering through one shared limiter. */
async function digestRun() {
  const prefix = `bench-${randomUUID().slice(0, 8)}`
  const api = await startFakeBotApi({ rateLimits: { globalPerSecond: SEND_RATE, perChatPerSecond: 1 } })
  const store = await createStore(url, { keyPrefix: prefix })
  const chats = Array.from({ length: SUBSCRIBERS }, (_, i) => 3_000_000 + i)
  await seedDueSubscribers(store, chats)
  try {
    return await withInstances(2, { TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, STORAGE_URL: url, REDIS_PREFIX: prefix, SEND_RATE: String(SEND_RATE) }, async (instances) => {
      await waitFor(() => chats.every((chat) => api.textsTo(chat).length > 0), 120_000, 'every digest')
      const perProcess = await Promise.all(instances.map((i) => i.metric('khulasa_messages_sent_total')))
      const times = api.sent().map((c) => c.at).sort((a, b) => a - b)
      let peak = 0
      for (let lo = 0, hi = 0; hi < times.length; hi++) {
        while (times[hi]! - times[lo]! >= 1000) lo++
        peak = Math.max(peak, hi - lo + 1)
      }
      const duplicates = chats.filter((chat) => new Set(api.textsTo(chat)).size !== api.textsTo(chat).length).length
      return {
        processes: 2,
        digests: chats.length,
        messages: times.length,
        perSecond: Math.round(((times.length - 1) / ((times.at(-1)! - times[0]!) / 1000)) * 10) / 10,
        peakInAnySecond: peak,
        limit: SEND_RATE,
        violations: api.rateLimitViolations,
        duplicates,
        perProcess,
      }
    })
  }
  finally {
    await store.close()
    await api.close()
    await deletePrefix(url, prefix)
  }
}

const benchStart = performance.now()
const progress = (what: string) => process.stderr.write(`bench:scale ${((performance.now() - benchStart) / 1000).toFixed(1)} s: ${what}\n`)
const webhook = [await webhookRun(1)]
progress('1 process done')
webhook.push(await webhookRun(2))
progress('2 processes done')
const digest = await digestRun()
progress('digest run done')

console.log(`\nWebhook: ${UPDATES} × "/latest 3", ${CONCURRENCY} in flight, each answered by a reply to the fake Bot API (2-core machine; the load generator and the fake share it)`)
console.log('| processes | updates/s | p50 ms | p99 ms | answered |')
console.log('|---|---|---|---|---|')
for (const r of webhook) console.log(`| ${r.processes} | ${r.perSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.answered}/${r.updates} |`)
console.log(`\nDigest delivery: ${digest.digests} subscribers due at once, 2 processes, SEND_RATE=${SEND_RATE} shared through Redis`)
console.log('| processes | messages | sent/s | most in any 1 s window | limit | 429 violations | duplicates | per process |')
console.log('|---|---|---|---|---|---|---|---|')
console.log(`| 2 | ${digest.messages} | ${digest.perSecond} | ${digest.peakInAnySecond} | ${digest.limit} | ${digest.violations} | ${digest.duplicates} | ${digest.perProcess.join(' + ')} |`)
console.log(JSON.stringify({ webhook, digest }))
