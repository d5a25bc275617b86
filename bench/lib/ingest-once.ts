// One cold ingest in this process: the timing includes opening the store, parsing, summaries and writes.
import { readFileSync, statSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { loadConfig } from '../../src/config.js'
import { createCore } from '../../src/core.js'
import { createLogger } from '../../src/logger.js'
import { createClock } from '../../src/clock.js'

const [file, storageUrl] = process.argv.slice(2) as [string, string]
const bytes = file.endsWith('.gz') ? gunzipSync(readFileSync(file)).length : statSync(file).size
let peak = 0
const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()) }, 20)
const started = performance.now()
const core = await createCore(loadConfig({ STORAGE_URL: storageUrl, SEED_MAX_MB: '512' }), createLogger({ level: 'warn', destination: 2 }), { clock: createClock() })
await core.ingester.ingestFile(file)
const stored = core.articles.count()
await core.close()
const seconds = (performance.now() - started) / 1000
clearInterval(sampler)
peak = Math.max(peak, process.memoryUsage.rss(), process.resourceUsage().maxRSS * 1024)
process.stdout.write(`${JSON.stringify({ seconds: +seconds.toFixed(3), mb: bytes / 1e6, stored, peakRssMb: Math.round(peak / 1e6) })}\n`)
