import { config as loadDotenv } from 'dotenv'
import { createClock } from '../clock.js'
import { loadConfig } from '../config.js'
import { createCore } from '../core.js'
import { createLogger } from '../logger.js'
import type { JsonlProgress } from './read-jsonl.js'

/** `npm run ingest -- FILE...`: seed pages or JSONL(.gz) corpora into the configured store, with progress. */
async function ingestCli(files: string[]) {
  loadDotenv({ quiet: true })
  if (files.length === 0) {
    process.stderr.write('usage: npm run ingest -- FILE [FILE...]   (seed pages, .jsonl or .jsonl.gz)\n')
    process.exit(2)
  }
  const config = loadConfig()
  const logger = createLogger({ level: config.LOG_LEVEL, destination: 2, pretty: Boolean(process.stderr.isTTY), secrets: [config.TELEGRAM_BOT_TOKEN, config.OPENAI_API_KEY] })
  const core = await createCore(config, logger, { clock: createClock(config.DIGEST_CLOCK_SPEED) })
  const started = performance.now()
  let failed = false
  for (const file of files) {
    const report = await core.ingester.ingestFile(file, (p) => progressLine(file, p, started))
    if (process.stderr.isTTY) process.stderr.write('\n')
    process.stdout.write(`${file}: ${report.added} new, ${report.updated} updated, ${report.unchanged} unchanged, ${report.skipped} skipped line(s)\n`)
    failed ||= report.added + report.updated + report.unchanged === 0 && report.problems > 0
  }
  process.stdout.write(`${core.articles.count()} article(s) in ${config.STORAGE_URL.replace(/\/\/[^@/]*@/, '//***@')}\n`)
  await core.close()
  process.exitCode = failed ? 1 : 0
}

function progressLine(file: string, p: JsonlProgress, started: number) {
  const pct = p.totalBytes > 0 ? Math.min(100, (100 * p.bytesRead) / p.totalBytes) : 0
  const seconds = (performance.now() - started) / 1000
  const line = `${file}: ${pct.toFixed(0)}% · ${p.lines} lines · ${(p.lines / Math.max(seconds, 0.001)).toFixed(0)} lines/s`
  // A carriage return keeps one live line on a terminal; a log file gets one line per step.
  process.stderr.write(process.stderr.isTTY ? `\r${line}` : `${line}\n`)
}

ingestCli(process.argv.slice(2)).catch((err: Error) => {
  process.stderr.write(`khulasa ingest: ${err.message}\n`)
  process.exit(1)
})
