// One delivery process for bench/digest.ts: opens the prepared store, ticks once at BENCH_NOW,
// sends every due digest to the fake Bot API through the real queue, prints one JSON line.
// The benchmark may SIGKILL it half-way and start it again on the same store.
// BENCH_SPLIT=1 composes every digest first and only then hands them to the queue, so the CPU of
// composing and of delivering are measured apart (in production they interleave).
import { Telegram } from 'telegraf'
import { loadConfig } from '../src/config.js'
import { createManualClock } from '../src/clock.js'
import { createCore } from '../src/core.js'
import { createDigestDelivery } from '../src/digest/delivery.js'
import type { OutboundMessage } from '../src/digest/outbound.js'
import { createLogger } from '../src/logger.js'
import { createBotApiClient } from '../src/telegram/bot-api-client.js'
import { telegramDeliver } from '../src/telegram/deliver.js'
import { instrumentTelegram } from '../src/telegram/instrument.js'

const config = loadConfig()
const logger = createLogger({ level: config.LOG_LEVEL, destination: 2 })
const now = new Date(process.env.BENCH_NOW ?? Date.now())
const split = process.env.BENCH_SPLIT === '1'
const started = performance.now()
const core = await createCore(config, logger, { clock: createManualClock(now) })
const loadMs = performance.now() - started
// As src/main.ts sends digests: through bot.telegram, counted, over the bot's Bot API client (src/telegram/bot.ts).
const telegram = new Telegram(config.TELEGRAM_BOT_TOKEN!, { apiRoot: config.TELEGRAM_API_ROOT })
instrumentTelegram(telegram, core.metrics, createBotApiClient({ apiRoot: config.TELEGRAM_API_ROOT, token: config.TELEGRAM_BOT_TOKEN! }).callApi)
const deliver = telegramDeliver(telegram, { allowPaidBroadcast: config.ALLOW_PAID_BROADCAST })
const queue = createDigestDelivery({ digests: core.digests, store: core.store, clock: core.clock, config, logger, deliver })
// Start-up work that is not delivery: the related lists the core warms in the background two seconds after
// start (about 10 ms each, 1,500 stories here). A bot that has been up a while did that long before the tick.
await core.search.related.warm(core.articles.latest(2000, () => true).map((a) => a.id))
const held: OutboundMessage[] = []
if (split) core.digests.attach({ ...queue, enqueue: async (messages) => void held.push(...messages) })
/** The monotonic clock in µs: what V8's CPU profile timestamps use. */
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n)
const cpuUs = (since: NodeJS.CpuUsage) => (({ user, system }) => user + system)(process.cpuUsage(since))
// CPU from here on is the bot's cost of composing and delivering; loading the store is left out.
const windowStart = monotonicUs()
const cpuBefore = process.cpuUsage()
const tick = await core.digests.tick(now)
process.stderr.write(`sender: ${tick.enqueued} digests queued (${tick.groups} filter sets, composed in ${tick.composeMs} ms)\n`)
const composeCpuUs = split ? cpuUs(cpuBefore) : undefined
const deliveryBefore = process.cpuUsage()
if (split) {
  core.digests.attach(queue)
  await queue.enqueue(held)
}
await queue.drain()
await core.digests.flushStats()
const deliveryCpuUs = split ? cpuUs(deliveryBefore) : undefined
const windowEnd = monotonicUs()
await core.close()
// Closing the store (the last journal writes reach SQLite) is counted, as it always was.
const total = cpuUs(cpuBefore)
process.stdout.write(`${JSON.stringify({
  tick,
  loadMs: Math.round(loadMs),
  sendMs: Math.round(performance.now() - started - loadMs),
  stats: queue.stats(),
  cpuUs: total,
  composeCpuUs,
  deliveryCpuUs,
  window: [windowStart, windowEnd],
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
})}\n`)
