import { createHash } from 'node:crypto'
import { watch } from 'node:fs'
import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { Logger } from '../logger.js'
import type { Store } from '../storage/create-store.js'
import type { ArticleStore } from './article-store.js'
import { decodeText } from './clean-text.js'
import { articleFromRecord } from './from-record.js'
import { parsePage } from './parse-page.js'
import { readJsonl, type JsonlProgress } from './read-jsonl.js'
import type { Article } from './types.js'

export interface IngestReport { file: string, added: number, updated: number, unchanged: number, skipped: number, problems: number }

export interface IngesterDeps {
  articles: ArticleStore
  store: Store
  logger: Logger
  maxBytes: number
  /** Called with every batch that changed, e.g. to summarise it. */
  onChanged?: (changed: Article[]) => Promise<void> | void
  /** The time a seed or corpus file is first seen, for articles that carry no date. */
  now: () => Date
}

const BATCH = 500
const isJsonl = (file: string) => /\.jsonl(\.gz)?$/i.test(file)
const isHidden = (file: string) => basename(file).startsWith('.')

export function createIngester({ articles, store, logger, maxBytes, onChanged, now }: IngesterDeps) {
  const seenFiles = store.ns<string>('meta')

  async function save(batch: Article[], report: IngestReport) {
    const result = await articles.upsert(batch)
    report.added += result.added
    report.updated += result.updated
    report.unchanged += result.unchanged
    if (result.changed.length > 0) await onChanged?.(result.changed)
  }

  async function ingestPage(file: string, report: IngestReport, log: Logger) {
    const size = (await stat(file)).size
    if (size > maxBytes) {
      report.problems++
      log.warn({ bytes: size, maxBytes }, `${file}: ${(size / 1e6).toFixed(1)} MB is over the ${(maxBytes / 1e6).toFixed(0)} MB limit (SEED_MAX_MB); file skipped`)
      return
    }
    const bytes = await readFile(file)
    const decoded = decodeText(bytes)
    if ('error' in decoded) {
      report.problems++
      log.warn(`${file}: ${decoded.error}; file skipped`)
      return
    }
    const digest = createHash('sha256').update(bytes).digest('hex')
    if ((await seenFiles.get(`file:${digest}`)) !== undefined) return
    const { articles: parsed, problems } = parsePage(decoded.text, { source: basename(file), seenAt: now().toISOString() })
    for (const problem of problems) log.warn(problem)
    report.problems += problems.length
    if (parsed.length === 0 && problems.length === 0) log.warn(`${file}: no articles found (empty file)`)
    for (let i = 0; i < parsed.length; i += BATCH) await save(parsed.slice(i, i + BATCH), report)
    await seenFiles.set(`file:${digest}`, file)
  }

  async function ingestJsonl(file: string, report: IngestReport, log: Logger, onProgress?: (p: JsonlProgress) => void) {
    const seenAt = now().toISOString()
    let batch: Article[] = []
    const bad = (line: number, why: string) => {
      report.problems++
      report.skipped++
      log.warn(`${file}:${line}: ${why}`)
    }
    for await (const { record, line, progress } of readJsonl(file, bad)) {
      const article = articleFromRecord(record, { source: basename(file).replace(/\.jsonl(\.gz)?$/i, ''), seenAt })
      if (typeof article === 'string') bad(line, `${article}; line skipped`)
      else batch.push(article)
      if (batch.length >= BATCH) {
        await save(batch, report)
        batch = []
        onProgress?.(progress)
      }
    }
    if (batch.length > 0) await save(batch, report)
  }

  async function ingestFile(file: string, onProgress?: (p: JsonlProgress) => void): Promise<IngestReport> {
    const report: IngestReport = { file, added: 0, updated: 0, unchanged: 0, skipped: 0, problems: 0 }
    const log = logger.child({ job: 'ingest' })
    try {
      if (isJsonl(file)) await ingestJsonl(file, report, log, onProgress)
      else await ingestPage(file, report, log)
    }
    catch (err) {
      report.problems++
      log.error({ err }, `${file}: ingest stopped: ${(err as Error).message}; what was read before is kept`)
    }
    if (report.added + report.updated > 0 || report.problems > 0) {
      log.info(report, `${file}: ${report.added} new, ${report.updated} updated, ${report.unchanged} unchanged, ${report.problems} problem(s)`)
    }
    return report
  }

  return {
    ingestFile,

    async ingestDir(dir: string): Promise<IngestReport[]> {
      const names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && !isHidden(e.name)).map((e) => e.name).sort()
      const reports: IngestReport[] = []
      for (const name of names) reports.push(await ingestFile(join(dir, name)))
      return reports
    },

    /** Ingests files dropped into dir while the bot runs. Returns a stop function. */
    watchDir(dir: string, settleMs = 500): () => void {
      const timers = new Map<string, NodeJS.Timeout>()
      let queue = Promise.resolve()
      const watcher = watch(dir, (_event, name) => {
        if (!name || isHidden(name)) return
        clearTimeout(timers.get(name))
        // Editors and copies write in several steps; wait until the file settles.
        timers.set(name, setTimeout(() => {
          timers.delete(name)
          const file = join(dir, name)
          queue = queue.then(async () => {
            if ((await stat(file).catch(() => undefined))?.isFile()) await ingestFile(file)
          })
        }, settleMs))
      })
      watcher.on('error', (err) => logger.error({ err }, `watching ${dir} failed: ${err.message}`))
      return () => {
        watcher.close()
        for (const timer of timers.values()) clearTimeout(timer)
      }
    },
  }
}
