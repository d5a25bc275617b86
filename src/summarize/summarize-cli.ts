import { createWriteStream, existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { config as loadDotenv } from 'dotenv'
import type { JsonlProgress } from '../articles/read-jsonl.js'
import { createClock } from '../clock.js'
import { loadConfig } from '../config.js'
import { createLogger } from '../logger.js'
import { llmFromConfig } from './llm-summarizer.js'
import { summarizeCorpus, type CorpusLine } from './summarize-corpus.js'

const USAGE = 'usage: npm run summarize -- FILE.jsonl[.gz] [--out OUT.jsonl]\n'

/**
 * `npm run summarize -- FILE [--out OUT]`: one JSON line per article ({id, title, short, long, digest}) on stdout
 * or in OUT, progress and bad lines on stderr; the store is not touched. The LLM is used when OPENAI_API_KEY is set.
 */
async function summarizeCli(argv: string[]) {
  loadDotenv({ quiet: true })
  const { values, positionals } = parseArgs({ args: argv, options: { out: { type: 'string', short: 'o' } }, allowPositionals: true })
  const [file] = positionals
  if (!file || positionals.length > 1) {
    process.stderr.write(USAGE)
    process.exit(2)
  }
  if (!existsSync(file)) throw new Error(`${file} not found`)
  const config = loadConfig()
  const logger = createLogger({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, destination: 2, secrets: [config.OPENAI_API_KEY] })
  const llm = llmFromConfig(config, logger)
  const out = values.out ? createWriteStream(values.out) : process.stdout
  const write = (line: CorpusLine) => new Promise<void>((resolve, reject) => {
    const ok = out.write(`${JSON.stringify(line)}\n`, (err) => { if (err) reject(err) })
    if (ok) resolve()
    else out.once('drain', resolve)
  })
  const started = performance.now()
  process.stderr.write(`${file}: summarising with ${llm ? `the LLM (${config.OPENAI_MODEL}), the offline summarizer as fallback` : 'the offline summarizer'}\n`)
  let lastShown = 0
  const report = await summarizeCorpus({
    file,
    budgets: { shortChars: config.SUMMARY_SHORT_CHARS, longChars: config.SUMMARY_LONG_CHARS },
    llm,
    concurrency: config.OPENAI_CONCURRENCY,
    seenAt: createClock().now().toISOString(),
    write,
    onProblem: (line, why) => process.stderr.write(`${file}:${line}: ${why}\n`),
    onProgress: (progress, done) => {
      const now = performance.now()
      if (now - lastShown < 500) return
      lastShown = now
      progressLine(file, progress, done, started)
    },
  })
  if (values.out) {
    const file = out as ReturnType<typeof createWriteStream>
    await new Promise<void>((resolve, reject) => file.end((err?: Error | null) => (err ? reject(err) : resolve())))
  }
  if (process.stderr.isTTY) process.stderr.write('\n')
  const llmPart = llm ? `; LLM accepted ${report.llm.accepted}, rejected ${report.llm.rejected}, failed ${report.llm.failed}` : ''
  process.stderr.write(`${file}: ${report.summarised} summarised, ${report.skipped} line(s) skipped${llmPart}${values.out ? ` → ${values.out}` : ''} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`)
  process.exitCode = report.summarised === 0 && report.skipped > 0 ? 1 : 0
}

function progressLine(file: string, p: JsonlProgress, done: number, started: number) {
  const pct = p.totalBytes > 0 ? Math.min(100, (100 * p.bytesRead) / p.totalBytes) : 0
  const seconds = (performance.now() - started) / 1000
  const line = `${file}: ${pct.toFixed(0)}% · ${p.lines} lines · ${done} summarised · ${(done / Math.max(seconds, 0.001)).toFixed(0)}/s`
  process.stderr.write(process.stderr.isTTY ? `\r${line}` : `${line}\n`)
}

summarizeCli(process.argv.slice(2)).catch((err: Error) => {
  process.stderr.write(`khulasa summarize: ${err.message}\n`)
  process.exit(1)
})
