// One delivery process for bench/digest.ts: opens the prepared store, ticks once at BENCH_NOW,
// sends every due digest to the fake Bot API through the real queue, prints one JSON line.
// The benchmark may SIGKILL it half-way and start it again on the same store.
import { Telegram } from 'telegraf'
import { loadConfig } from '../src/config.js'
import { createManualClock } from '../src/clock.js'
import { createCore } from '../src/core.js'
import { createDigestDelivery } from '../src/digest/delivery.js'
import { createLogger } from '../src/logger.js'
import { telegramDeliver } from '../src/telegram/deliver.js'

const config = loadConfig()
const logger = createLogger({ level: config.LOG_LEVEL, destination: 2 })
const now = new Date(process.env.BENCH_NOW ?? Date.now())
const started = performance.now()
const core = await createCore(config, logger, { clock: createManualClock(now) })
const loadMs = performance.now() - started
const telegram = new Telegram(config.TELEGRAM_BOT_TOKEN!, { apiRoot: config.TELEGRAM_API_ROOT })
const deliver = telegramDeliver(telegram, { allowPaidBroadcast: config.ALLOW_PAID_BROADCAST })
const queue = createDigestDelivery({ digests: core.digests, store: core.store, clock: core.clock, config, logger, deliver })
// CPU from here on is the bot's cost of composing and delivering; loading the store is left out.
const cpuBefore = process.cpuUsage()
const tick = await core.digests.tick(now)
process.stderr.write(`sender: ${tick.enqueued} digests queued (${tick.groups} filter sets, composed in ${tick.composeMs} ms)\n`)
await queue.drain()
await core.digests.flushStats()
await core.close()
process.stdout.write(`${JSON.stringify({
  tick,
  loadMs: Math.round(loadMs),
  sendMs: Math.round(performance.now() - started - loadMs),
  stats: queue.stats(),
  cpuUs: (({ user, system }) => user + system)(process.cpuUsage(cpuBefore)),
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
})}\n`)
