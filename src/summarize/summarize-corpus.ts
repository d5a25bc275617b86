import { basename } from 'node:path'
import { articleFromRecord } from '../articles/from-record.js'
import { readJsonl, type JsonlProgress } from '../articles/read-jsonl.js'
import { articleText, type Article } from '../articles/types.js'
import type { LlmSummarizer } from './llm-summarizer.js'
import { acceptLlmText, digestLine, extractiveTexts, type Budgets, type SummaryTexts } from './summarize-article.js'
import { tidyParagraph } from './tidy.js'

export interface CorpusLine extends SummaryTexts { id: string, title: string }

export interface CorpusReport {
  summarised: number
  /** Lines that are not JSON objects, or records that cannot be an article (no title, no text). */
  skipped: number
  llm: { accepted: number, rejected: number, failed: number }
}

export interface SummarizeCorpusOptions {
  file: string
  budgets: Budgets
  /** When present, the short summary and the digest line come from it when its reply passes the checks. */
  llm?: LlmSummarizer
  concurrency?: number
  seenAt: string
  write: (line: CorpusLine) => void | Promise<void>
  onProblem: (line: number, why: string) => void
  onProgress?: (progress: JsonlProgress, summarised: number) => void
}

/**
 * Summarises every record of a JSONL(.gz) corpus in the format `npm run ingest` reads, in file order, without a
 * store. A bad line or record is reported and skipped; the rest is summarised. LLM calls run `concurrency` at a
 * time; a failed or rejected reply keeps the extractive summary.
 */
export async function summarizeCorpus(options: SummarizeCorpusOptions): Promise<CorpusReport> {
  const { file, budgets, llm, concurrency = 2, seenAt, write, onProblem, onProgress } = options
  const report: CorpusReport = { summarised: 0, skipped: 0, llm: { accepted: 0, rejected: 0, failed: 0 } }
  const source = basename(file).replace(/\.jsonl(\.gz)?$/i, '')
  const pending: Promise<CorpusLine>[] = []

  async function summarise(article: Article, at: number): Promise<CorpusLine> {
    const texts = extractiveTexts(article, budgets)
    const line = { id: article.id, title: tidyParagraph(article.title), ...texts }
    if (!llm) return line
    const result = await llm.summarize(article)
    if (!result.ok) {
      report.llm.failed++
      onProblem(at, `LLM failed (${result.reason}); extractive summary kept`)
      return line
    }
    const verdict = acceptLlmText(result.text, `${article.title}\n${articleText(article)}`, budgets.shortChars)
    if (!verdict.ok) {
      report.llm.rejected++
      return line
    }
    report.llm.accepted++
    return { ...line, short: verdict.text, digest: digestLine(verdict.text, budgets.digestChars) }
  }

  async function flush(keep: number) {
    while (pending.length > keep) {
      await write(await pending.shift()!)
      report.summarised++
    }
  }

  for await (const { record, line, progress } of readJsonl(file, (n, why) => {
    report.skipped++
    onProblem(n, why)
  })) {
    const article = articleFromRecord(record, { source, seenAt })
    if (typeof article === 'string') {
      report.skipped++
      onProblem(line, `${article}; line skipped`)
      continue
    }
    pending.push(summarise(article, line))
    await flush(llm ? concurrency - 1 : 0)
    onProgress?.(progress, report.summarised)
  }
  await flush(0)
  return report
}
