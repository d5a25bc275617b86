// bench:catalog start-up child: what src/main.ts does before it takes its first update (configuration,
// the core on the stored catalogue, the seeds folder ingested), on the bench's fixed clock; then one line:
// when it was ready (wall ms, comparable with the parent's) and its peak RSS so far.
// Run as: node --import tsx bench/lib/catalog-startup.ts <storageUrl> <retentionDays> <seedsDir>
import { existsSync, mkdirSync } from 'node:fs'
import { createManualClock } from '../../src/clock.js'
import { loadConfig } from '../../src/config.js'
import { createCore } from '../../src/core.js'
import { createLogger } from '../../src/logger.js'
import { BENCH_NOW, wallMs } from './catalog-texts.js'

const [storageUrl, retentionDays, seedsDir] = process.argv.slice(2) as [string, string, string]
const config = loadConfig({ STORAGE_URL: storageUrl, ARTICLE_RETENTION_DAYS: retentionDays, SEEDS_DIR: seedsDir, LOG_LEVEL: 'warn' })
const logger = createLogger({ level: config.LOG_LEVEL, destination: 2 })
const core = await createCore(config, logger, { clock: createManualClock(BENCH_NOW) })
if (!existsSync(config.SEEDS_DIR)) mkdirSync(config.SEEDS_DIR, { recursive: true })
await core.ingester.ingestDir(config.SEEDS_DIR)
const readyAt = wallMs()
const loaded = core.articles.count()
const peakRssMb = Math.round(process.resourceUsage().maxRSS * 1024 / 1e6)
await core.close()
process.stdout.write(`${JSON.stringify({ readyAt, loaded, peakRssMb })}\n`)
