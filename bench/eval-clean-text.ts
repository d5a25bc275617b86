/**
 * Page debris in headlines and paragraphs before and after ingest cleaning (src/articles/clean-text.ts), per corpus.
 * The detectors here are written apart from the cleaner, so a rule the cleaner misses shows up as debris left.
 * `-- --show N` prints N cleaned articles (changed lines, before → after) to read as a reader would.
 */
import { articleFromRecord } from '../src/articles/from-record.js'
import { corpusPath, readRecords, requireCorpora, table } from './search-kit/corpora.js'

const CORPORA = ['aawsat-2015.jsonl.gz', 'ant-2018.jsonl.gz']
requireCorpora(...CORPORA)
const showArg = process.argv.indexOf('--show')
const SHOW = showArg === -1 ? 0 : Number(process.argv[showArg + 1] ?? 20)

const AR = '[\\u0620-\\u064A\\u066E-\\u06D3\\u06FA-\\u06FF]'
const DEBRIS: Record<string, RegExp> = {
  moreTrailer: /(?:\.{2,}|…)\s*المزيد\s*$/,
  bullet: /^[\u200E\u200F\u202A-\u202E]*(?:[*•●▪■◾◼⬛►▶➤]|[<>]\s)/,
  braceQuotes: /\{[^{}]*\}/,
  doubleSpace: /[ \t\u00A0]{2,}|^\s|\s$/,
  latinComma: new RegExp(`${AR}[»"”)]?\\s*,\\s*[«"“(]?${AR}`),
  markInNumber: /\d[.,/:+]?[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]+[.,/:+%]?\d/,
}
const KINDS = Object.keys(DEBRIS)

interface Tally { lines: number, counts: Record<string, number>, any: number }
const tally = (): Tally => ({ lines: 0, counts: Object.fromEntries(KINDS.map((k) => [k, 0])), any: 0 })
function count(t: Tally, line: string) {
  t.lines++
  let dirty = false
  for (const kind of KINDS) {
    if (DEBRIS[kind]!.test(line)) {
      t.counts[kind]!++
      dirty = true
    }
  }
  if (dirty) t.any++
}
const pct = (n: number, of: number) => `${(100 * n / of).toFixed(2)} %`

const rows: (string | number)[][] = []
const result: Record<string, unknown> = {}
const shown: string[] = []
let cleanMs = 0
for (const name of CORPORA) {
  const before = { headlines: tally(), paragraphs: tally() }
  const after = { headlines: tally(), paragraphs: tally() }
  let dropped = 0
  for (const record of await readRecords(corpusPath(name))) {
    const title = typeof record.title === 'string' ? record.title.trim() : ''
    const paragraphs = typeof record.text === 'string' ? record.text.split(/\n+/).map((p) => p.trim()).filter(Boolean) : []
    const t = performance.now()
    const article = articleFromRecord(record, { source: name, seenAt: '2015-07-21T00:00:00.000Z' })
    cleanMs += performance.now() - t
    if (typeof article === 'string' || !title) continue
    count(before.headlines, title)
    for (const p of paragraphs) count(before.paragraphs, p)
    count(after.headlines, article.title)
    for (const p of article.paragraphs) count(after.paragraphs, p)
    dropped += paragraphs.length - article.paragraphs.length
    if (shown.length < SHOW && (title !== article.title || paragraphs.some((p, i) => p !== article.paragraphs[i]))) {
      const changed = paragraphs.filter((p) => !article.paragraphs.includes(p))
      shown.push([`# ${name} ${String(record.id)}`, `  headline: ${title === article.title ? article.title : `${title}\n         → ${article.title}`}`,
        ...changed.map((p) => `  - ${p}\n  + ${article.paragraphs.find((q) => q !== p && similarStart(p, q)) ?? '(dropped)'}`)].join('\n'))
    }
  }
  for (const part of ['headlines', 'paragraphs'] as const) {
    const b = before[part]
    const a = after[part]
    for (const kind of [...KINDS, 'any']) {
      const nb = kind === 'any' ? b.any : b.counts[kind]!
      const na = kind === 'any' ? a.any : a.counts[kind]!
      rows.push([name.replace(/\.jsonl\.gz$/, ''), part, kind, `${nb} (${pct(nb, b.lines)})`, `${na} (${pct(na, a.lines)})`])
    }
    result[`${name.replace(/\.jsonl\.gz$/, '')}.${part}`] = {
      lines: [b.lines, a.lines],
      ...Object.fromEntries([...KINDS, 'any'].map((k) => [k, [k === 'any' ? b.any : b.counts[k]!, k === 'any' ? a.any : a.counts[k]!]])),
    }
  }
  result[`${name.replace(/\.jsonl\.gz$/, '')}.paragraphsDropped`] = dropped
}

if (shown.length > 0) console.log(`${shown.join('\n\n')}\n`)
console.log(table(['corpus', 'part', 'debris', 'before', 'after'], rows))
result.articleFromRecordMs = Math.round(cleanMs)
console.log(JSON.stringify(result))

function similarStart(a: string, b: string): boolean {
  const key = (s: string) => s.replace(/[^\p{L}]/gu, '').slice(0, 12)
  return key(a) === key(b)
}
