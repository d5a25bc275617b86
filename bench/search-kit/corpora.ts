import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { readJsonl } from '../../src/articles/read-jsonl.js'

/** ../shared/corpora relative to the project root; research-use data that is read in place, never copied. */
export const CORPORA_DIR = fileURLToPath(new URL('../../../shared/corpora/', import.meta.url))

export function corpusPath(name: string): string {
  return `${CORPORA_DIR}${name}`
}

/** Prints why the run is skipped and exits 0, so CI without ../shared stays green. */
export function requireCorpora(...names: string[]): void {
  const missing = names.filter((name) => !existsSync(corpusPath(name)))
  if (missing.length === 0) return
  console.log(`skipped: ${missing.map(corpusPath).join(', ')} not found (the evaluation needs ../shared/corpora)`)
  console.log(JSON.stringify({ skipped: true, missing }))
  process.exit(0)
}

export async function readRecords(file: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = []
  for await (const { record } of readJsonl(file, () => {})) out.push(record)
  return out
}

export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))]
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)))
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  return [line(cells[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.slice(1).map(line)].join('\n')
}
