// npm run eval:summaries [-- --file F.jsonl[.gz]] — ROUGE F1 of Lead, TextRank and ours side by side, and the
// flaws a reader sees (cut mid-sentence, ellipsis, page debris, dangling opening) in what each method shows.
import { existsSync } from 'node:fs'
import { basename } from 'node:path'
import { parseArgs } from 'node:util'
import { tokenize } from '../src/articles/normalize.js'
import { readJsonl } from '../src/articles/read-jsonl.js'
import { extractiveSummary, stripDateline, type ExtractiveOptions } from '../src/summarize/extractive.js'
import { hasEllipsis, summaryFlaws } from '../src/summarize/quality.js'
import { meanScores, rougeMulti, type RougeScores } from './lib/rouge.js'
import { tidyParagraphs } from '../src/summarize/tidy.js'
import { leadBaseline, textRankBaseline } from './lib/summary-baselines.js'
import { requireShared, table } from './lib/shared-data.js'

interface Item { title?: string, text: string, references: string[] }
interface Budget { maxChars: number, maxSentences?: number, fill: boolean }

const ours = (options: Partial<ExtractiveOptions>) => (item: Item, b: Budget) =>
  extractiveSummary({ title: item.title, paragraphs: item.text.split('\n') }, { ...b, ...options })
const METHODS = {
  lead: (item: Item, b: Budget) => leadBaseline(item.text, b.maxChars, b.fill, b.maxSentences),
  // Lead on the text without its wire dateline: separates what our dateline rule gains from what ranking gains.
  leadDatelineCut: (item: Item, b: Budget) => leadBaseline(stripDateline(item.text), b.maxChars, b.fill, b.maxSentences),
  textrank: (item: Item, b: Budget) => textRankBaseline(item.text, b.maxChars, b.fill, b.maxSentences),
  ours: ours({}),
  // The two answers to an over-long best sentence, and MMR without the lead rule, measured beside the default.
  oursNoFlex: ours({ flex: 1 }),
  oursNoLeadFirst: ours({ leadFirst: false }),
}
type Method = keyof typeof METHODS
const METHOD_NAMES = Object.keys(METHODS) as Method[]
/** What the bot stores and shows: lists and digests, a single story, the digest's one line. */
const BOT_BUDGETS = { short: { maxChars: 280, maxSentences: 2 }, long: { maxChars: 600 }, digest: { maxChars: 220, maxSentences: 1 } }

const { values } = parseArgs({ options: { file: { type: 'string' } } })

async function readItems(file: string, accept: (r: Record<string, unknown>) => boolean = () => true): Promise<Item[]> {
  const items: Item[] = []
  for await (const { record } of readJsonl(file, (line, why) => process.stderr.write(`${file}:${line}: ${why}\n`))) {
    const references = Array.isArray(record.references) ? record.references.filter((r): r is string => typeof r === 'string')
      : typeof record.abstract === 'string' ? [record.abstract] : []
    if (typeof record.text !== 'string' || record.text.trim() === '' || !accept(record)) continue
    items.push({ title: typeof record.title === 'string' ? record.title : undefined, text: record.text, references })
  }
  return items
}

/** ANT's abstracts are mostly the first sentence copied; only CNN's rewritten ones test a summarizer. */
function isRewrittenCnn(record: Record<string, unknown>): boolean {
  if (record.source !== 'CNN' || typeof record.abstract !== 'string' || typeof record.text !== 'string') return false
  const abstract = tokenize(record.abstract)
  const opening = tokenize(record.text).slice(0, abstract.length + 15).join(' ')
  return !opening.includes(abstract.join(' '))
}

const round = (x: number) => Math.round(x * 1000) / 1000
const pct = (n: number, of: number) => Math.round((1000 * n) / Math.max(of, 1)) / 10

interface Rates { cutMidSentence: number, ellipsis: number, leftovers: number, danglingStart: number }
function rates(outputs: string[], items: Item[]): Rates {
  const tally = { cutMidSentence: 0, ellipsis: 0, leftovers: 0, danglingStart: 0 }
  outputs.forEach((summary, i) => {
    const f = summaryFlaws(summary, items[i]!.text)
    if (f.cutMidSentence) tally.cutMidSentence++
    if (f.ellipsis) tally.ellipsis++
    if (f.leftovers.length > 0) tally.leftovers++
    if (f.danglingStart) tally.danglingStart++
  })
  const n = outputs.length
  return { cutMidSentence: pct(tally.cutMidSentence, n), ellipsis: pct(tally.ellipsis, n), leftovers: pct(tally.leftovers, n), danglingStart: pct(tally.danglingStart, n) }
}

/** Budget = the mean length of the item's references, in characters, for every method alike. */
function rougeOf(method: Method, items: Item[], fill: boolean): { scores: RougeScores, outputs: string[] } {
  const outputs = items.map((item) => METHODS[method](item, { maxChars: Math.round(item.references.reduce((sum, r) => sum + r.length, 0) / item.references.length), fill }))
  const s = meanScores(outputs.map((out, i) => rougeMulti(out, items[i]!.references)))
  return { scores: { r1: round(s.r1), r2: round(s.r2), rl: round(s.rl) }, outputs }
}

const sets: { key: string, items: Item[] }[] = []
if (values.file) {
  if (!existsSync(values.file)) {
    process.stderr.write(`eval:summaries: ${values.file} not found\n`)
    process.exit(1)
  }
  sets.push({ key: basename(values.file).replace(/\.jsonl(\.gz)?$/i, ''), items: await readItems(values.file) })
}
else {
  const easc = requireShared('corpora/easc.jsonl', 'eval:summaries')
  const ant = requireShared('corpora/ant-2018.jsonl.gz', 'eval:summaries')
  const aawsat = requireShared('corpora/aawsat-2015.jsonl.gz', 'eval:summaries')
  sets.push({ key: 'easc', items: await readItems(easc) }, { key: 'cnn', items: await readItems(ant, isRewrittenCnn) }, { key: 'aawsat', items: await readItems(aawsat) })
}

const result: Record<string, unknown> = {}
const rougeRows: Record<string, string | number>[] = []
const flawRows: Record<string, string | number>[] = []
for (const { key, items } of sets) {
  // An ellipsis the source itself uses may stay: the target is the share of source texts (debris removed) with one.
  const sourceEllipsis = pct(items.filter((item) => hasEllipsis(tidyParagraphs(item.text.split('\n')).join('\n'))).length, items.length)
  const entry: Record<string, unknown> = { n: items.length, sourceEllipsis }
  const withReferences = items.filter((item) => item.references.length > 0)
  for (const method of METHOD_NAMES) {
    const m: Record<string, unknown> = {}
    if (withReferences.length > 0) {
      const filled = rougeOf(method, withReferences, true).scores
      const whole = rougeOf(method, withReferences, false)
      const r = rates(whole.outputs, withReferences)
      Object.assign(m, { filled, whole: whole.scores, wholeRates: r })
      rougeRows.push({ set: key, articles: withReferences.length, method, 'R1/R2/RL filled': fmt(filled), 'R1/R2/RL whole sentences': fmt(whole.scores), 'cut %': r.cutMidSentence, 'ellipsis %': r.ellipsis, 'leftovers %': r.leftovers, 'dangling %': r.danglingStart })
    }
    for (const [kind, budget] of Object.entries(BOT_BUDGETS)) {
      // TextRank is quadratic in sentences: on the big set it is measured on ROUGE only.
      if (method === 'textrank' && items.length > 1000) continue
      const r = rates(items.map((item) => METHODS[method](item, { ...budget, fill: false })), items)
      m[kind] = r
      flawRows.push({ set: key, articles: items.length, method, summary: `${kind} (${budget.maxChars})`, 'cut %': r.cutMidSentence, 'ellipsis %': r.ellipsis, 'source ellipsis %': sourceEllipsis, 'leftovers %': r.leftovers, 'dangling %': r.danglingStart })
    }
    entry[method] = m
  }
  result[key] = entry
}

function fmt(s: RougeScores): string {
  return `${s.r1.toFixed(3)} / ${s.r2.toFixed(3)} / ${s.rl.toFixed(3)}`
}

if (rougeRows.length > 0) process.stdout.write(`${table(rougeRows)}\n\n`)
process.stdout.write(`${table(flawRows)}\n`)
process.stdout.write([
  'ROUGE: F1 over Arabic-normalised words, averaged over the references; budget = mean reference length in characters.',
  'filled: the room whole sentences leave is used by the head of the next sentence (as the reference figures were measured);',
  'whole sentences: what the bot shows; the rates beside it are measured on those outputs.',
  'Rates (% of summaries): cut = ends without a stop, on an ellipsis, inside an open quotation, or inside a sentence of the source',
  '(not at a clause boundary); ellipsis = contains … or ...; leftovers = page debris; dangling = opens with a word that needs a sentence before it.',
  'Targets: cut 0, leftovers 0, dangling ≤ 1 %, ellipsis ≤ the source texts\' own rate.',
].join('\n') + '\n')
process.stdout.write(`${JSON.stringify(result)}\n`)
