import { config as loadDotenv } from 'dotenv'
import { createClock } from '../clock.js'
import { loadConfig } from '../config.js'
import { createCore } from '../core.js'
import { createLogger } from '../logger.js'
import type { IngestReport } from './ingest.js'
import type { JsonlProgress } from './read-jsonl.js'

const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const
type StopSignal = keyof typeof SIGNAL_EXIT

/**
 * `npm run ingest -- FILE...`: seed pages or JSONL(.gz) corpora into the configured store, with progress.
 * SIGTERM or SIGINT stops it after the batch in hand (stored and summarised), with one line saying where;
 * a second signal exits at once.
 */
async function ingestCli(files: string[]) {
  const stop = new AbortController()
  let stoppedBy: StopSignal | undefined
  let insistent = false
  const onSignal = (signal: StopSignal) => {
    if (insistent) process.exit(SIGNAL_EXIT[signal])
    if (stoppedBy) return
    stoppedBy = signal
    stop.abort()
    // Ctrl+C under `npm run ingest` reaches this process more than once (the terminal, npm, tsx relay it):
    // only a signal sent a moment later means "exit now".
    setTimeout(() => { insistent = true }, 1000).unref()
  }
  process.on('SIGINT', () => onSignal('SIGINT'))
  process.on('SIGTERM', () => onSignal('SIGTERM'))

  loadDotenv({ quiet: true })
  if (files.length === 0) {
    process.stderr.write('usage: npm run ingest -- FILE [FILE...]   (seed pages, .jsonl or .jsonl.gz)\n')
    process.exit(2)
  }
  const config = loadConfig()
  const secrets = [config.TELEGRAM_BOT_TOKEN, config.OPENAI_API_KEY]
  const logger = createLogger({ level: config.LOG_LEVEL, destination: 2, pretty: Boolean(process.stderr.isTTY), secrets })
  const core = await createCore(config, logger, { clock: createClock(config.DIGEST_CLOCK_SPEED) })
  const started = performance.now()
  let failed = false
  let interrupted = false
  for (const [i, file] of files.entries()) {
    if (stop.signal.aborted) {
      process.stdout.write(`stopped by ${stoppedBy} before ${file} (${files.length - i} file(s) not read); nothing of it was stored\n`)
      interrupted = true
      break
    }
    const report = await core.ingester.ingestFile(file, { onProgress: (p) => progressLine(file, p, started), signal: stop.signal, fromCommandLine: true })
    if (process.stderr.isTTY) process.stderr.write('\n')
    if (report.stoppedAtLine !== undefined) {
      process.stdout.write(`${stoppedLine(report, stoppedBy!)}\n`)
      interrupted = true
      break
    }
    process.stdout.write(`${file}: ${report.added} new, ${report.updated} updated, ${report.unchanged} unchanged, ${report.skipped} skipped line(s)\n`)
    failed ||= report.added + report.updated + report.unchanged === 0 && report.problems > 0
  }
  // A signal that came during the last batch of the last file stopped nothing: the run ends as usual.
  if (!interrupted) process.stdout.write(`${core.articles.count()} article(s) in ${config.STORAGE_URL.replace(/\/\/[^@/]*@/, '//***@')}\n`)
  await core.close()
  process.exitCode = interrupted ? SIGNAL_EXIT[stoppedBy!] : failed ? 1 : 0
}

function stoppedLine(r: IngestReport, signal: StopSignal): string {
  const done = r.added + r.updated + r.unchanged + r.skipped
  return `stopped by ${signal} in ${r.file} after line ${r.stoppedAtLine}: ${done} record(s) done (${r.added} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.skipped} skipped), each stored with its summary; running the same command again adds the rest`
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
