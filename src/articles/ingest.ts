import { createHash } from 'node:crypto'
import { readdir } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { Logger } from '../logger.js'
import type { Store } from '../storage/create-store.js'
import type { ArticleStore } from './article-store.js'
import { decodeText } from './clean-text.js'
import { articleFromRecord } from './from-record.js'
import { parsePage } from './parse-page.js'
import { readJsonl, type JsonlProgress } from './read-jsonl.js'
import { openRegular, readCapped, RefusedFile } from './read-limited.js'
import { watchSeeds } from './seed-watcher.js'
import type { Article } from './types.js'

export interface IngestReport {
  file: string
  added: number
  updated: number
  unchanged: number
  skipped: number
  problems: number
  /** Set when a stop signal ended the file early: the last line read, all of it stored and summarised. */
  stoppedAtLine?: number
}

export interface IngestOptions {
  onProgress?: (p: JsonlProgress) => void
  /** Once aborted, ingest stops after the batch in hand (the CLI on SIGTERM); the report says where. */
  signal?: AbortSignal
  /**
   * A path an operator typed (the ingest CLI): a symbolic link is followed and a JSONL corpus may be any size.
   * Off by default, and always for SEEDS_DIR, which anyone who can write there could fill with links.
   */
  fromCommandLine?: boolean
}

export interface IngesterDeps {
  articles: ArticleStore
  store: Store
  logger: Logger
  /** SEED_MAX_MB: a seed page is read whole, so a larger one is refused. */
  maxBytes: number
  /** SEED_MAX_LINE_KB: a longer line is never held in memory; a page with one is refused, a JSONL line skipped. */
  maxLineBytes: number
  /** Called with every batch that changed, e.g. to summarise it. */
  onChanged?: (changed: Article[]) => Promise<void> | void
  /** Called with the stored versions of articles seen again unchanged, e.g. to fill in a summary an interrupted run never made. */
  onUnchanged?: (articles: Article[]) => Promise<void> | void
  /** The time a seed or corpus file is first seen, for articles that carry no date. */
  now: () => Date
}

const BATCH = 500
const isJsonl = (file: string) => /\.jsonl(\.gz)?$/i.test(file)
const isHidden = (file: string) => basename(file).startsWith('.')
const mb = (bytes: number, digits: number) => `${(bytes / 1e6).toFixed(digits)} MB`

export function createIngester({ articles, store, logger, maxBytes, maxLineBytes, onChanged, onUnchanged, now }: IngesterDeps) {
  const seenFiles = store.ns<string>('meta')

  async function save(batch: Article[], report: IngestReport) {
    const result = await articles.upsert(batch)
    report.added += result.added
    report.updated += result.updated
    report.unchanged += result.unchanged
    if (result.changed.length > 0) await onChanged?.(result.changed)
    if (onUnchanged && result.unchanged > 0) {
      const changed = new Set(result.changed.map((a) => a.id))
      const again = [...new Set(batch.map((a) => a.id))].filter((id) => !changed.has(id)).map((id) => articles.get(id))
      await onUnchanged(again.filter((a): a is Article => a !== undefined))
    }
  }

  async function ingestPage(file: string, report: IngestReport, log: Logger, followLinks: boolean) {
    const { handle, size } = await openRegular(file, { followLinks })
    let bytes: Buffer
    try {
      if (size > maxBytes) throw new RefusedFile(`${mb(size, 1)} is over the ${mb(maxBytes, 0)} limit (SEED_MAX_MB); file skipped`)
      bytes = await readCapped(handle, { maxBytes, maxLineBytes })
    }
    finally {
      await handle.close()
    }
    const decoded = decodeText(bytes)
    if ('error' in decoded) throw new RefusedFile(`${decoded.error}; file skipped`)
    const digest = createHash('sha256').update(bytes).digest('hex')
    if ((await seenFiles.get(`file:${digest}`)) !== undefined) return
    const { articles: parsed, problems } = parsePage(decoded.text, { source: basename(file), seenAt: now().toISOString() })
    for (const problem of problems) log.warn(problem)
    report.problems += problems.length
    if (parsed.length === 0 && problems.length === 0) log.warn(`${file}: no articles found (empty file)`)
    for (let i = 0; i < parsed.length; i += BATCH) await save(parsed.slice(i, i + BATCH), report)
    await seenFiles.set(`file:${digest}`, file)
  }

  async function ingestJsonl(file: string, report: IngestReport, log: Logger, options: IngestOptions) {
    const seenAt = now().toISOString()
    let batch: Article[] = []
    const bad = (line: number, why: string) => {
      report.problems++
      report.skipped++
      log.warn(`${file}:${line}: ${why}`)
    }
    const operator = options.fromCommandLine === true
    const lines = readJsonl(file, bad, { maxLineBytes, followLinks: operator, maxBytes: operator ? Infinity : maxBytes })
    for await (const { record, line, progress } of lines) {
      const article = articleFromRecord(record, { source: basename(file).replace(/\.jsonl(\.gz)?$/i, ''), seenAt })
      if (typeof article === 'string') bad(line, `${article}; line skipped`)
      else batch.push(article)
      if (batch.length >= BATCH) {
        await save(batch, report)
        batch = []
        if (options.signal?.aborted) {
          report.stoppedAtLine = line
          return
        }
        options.onProgress?.(progress)
      }
    }
    if (batch.length > 0) await save(batch, report)
  }

  async function ingestFile(file: string, options: IngestOptions = {}): Promise<IngestReport> {
    const report: IngestReport = { file, added: 0, updated: 0, unchanged: 0, skipped: 0, problems: 0 }
    const log = logger.child({ job: 'ingest' })
    try {
      if (isJsonl(file)) await ingestJsonl(file, report, log, options)
      else await ingestPage(file, report, log, options.fromCommandLine === true)
    }
    catch (err) {
      report.problems++
      if (err instanceof RefusedFile) log.warn(`${file}: ${err.message}`)
      else log.error({ err }, `${file}: ingest stopped: ${(err as Error).message}; what was read before is kept`)
    }
    // A file refused whole has said so in its one line; a summary would only repeat it.
    if (report.added + report.updated > 0 || (report.problems > 0 && report.unchanged + report.skipped > 0)) {
      log.info(report, `${file}: ${report.added} new, ${report.updated} updated, ${report.unchanged} unchanged, ${report.problems} problem(s)`)
    }
    return report
  }

  return {
    ingestFile,

    /** Start-up: every file in dir, in name order. Links are not followed; each is named in one log line. */
    async ingestDir(dir: string): Promise<IngestReport[]> {
      const entries = await readdir(dir, { withFileTypes: true })
      const names = entries.filter((e) => (e.isFile() || e.isSymbolicLink()) && !isHidden(e.name)).map((e) => e.name).sort()
      const reports: IngestReport[] = []
      for (const name of names) reports.push(await ingestFile(join(dir, name)))
      return reports
    },

    /** Ingests files dropped into dir while the bot runs, once each has stopped growing. Returns a stop function. */
    watchDir(dir: string, settleMs = 300): () => void {
      return watchSeeds({ dir, logger, settleMs, ingest: (file) => ingestFile(file) })
    },
  }
}
