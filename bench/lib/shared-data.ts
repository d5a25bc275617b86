import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** ../shared next to the project: research-use corpora that are never copied into it. */
export function sharedPath(relative: string): string {
  return fileURLToPath(new URL(`../../../shared/${relative}`, import.meta.url))
}

/** Exits 0 with a clear line when the shared corpora are absent, so CI without them stays green. */
export function requireShared(relative: string, what: string): string {
  const path = sharedPath(relative)
  if (!existsSync(path)) {
    process.stdout.write(`${what}: ${path} is absent, nothing to measure (the corpora live in ../shared, outside the project)\n`)
    process.stdout.write(`${JSON.stringify({ skipped: true, reason: `${relative} absent` })}\n`)
    process.exit(0)
  }
  return path
}

export function table(rows: Record<string, string | number>[]): string {
  const headers = Object.keys(rows[0] ?? {})
  const cells = rows.map((r) => headers.map((h) => String(r[h])))
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)))
  const line = (values: string[]) => `| ${values.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n')
}
