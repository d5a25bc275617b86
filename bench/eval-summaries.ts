// npm run eval:summaries [-- --file F.jsonl[.gz]] — ROUGE F1 of Lead, TextRank and ours, side by side.
import { existsSync } from 'node:fs'
import { basename } from 'node:path'
import { parseArgs } from 'node:util'
import { tokenize } from '../src/articles/normalize.js'
import { readJsonl } from '../src/articles/read-jsonl.js'
import { extractiveSummary, stripDateline } from '../src/summarize/extractive.js'
import { meanScores, rougeMulti, type RougeScores } from '../src/summarize/rouge.js'
import { leadBaseline, textRankBaseline } from './lib/summary-baselines.js'
import { requireShared, table } from './lib/shared-data.js'

interface Item { title?: string, text: string, references: string[] }

const METHODS = {
  lead: (item: Item, budget: number, fill: boolean) => leadBaseline(item.text, budget, fill),
  // Lead on the text without its wire dateline: separates what our dateline rule gains from what ranking gains.
  leadDatelineCut: (item: Item, budget: number, fill: boolean) => leadBaseline(stripDateline(item.text), budget, fill),
  textrank: (item: Item, budget: number, fill: boolean) => textRankBaseline(item.text, budget, fill),
  ours: (item: Item, budget: number, fill: boolean) => extractiveSummary({ title: item.title, paragraphs: item.text.split('\n') }, { maxChars: budget, fill }),
}
type Method = keyof typeof METHODS

const { values } = parseArgs({ options: { file: { type: 'string' } } })

async function readItems(file: string, accept: (r: Record<string, unknown>) => boolean = () => true): Promise<Item[]> {
  const items: Item[] = []
  for await (const { record } of readJsonl(file, (line, why) => process.stderr.write(`${file}:${line}: ${why}\n`))) {
    const references = Array.isArray(record.references) ? record.references.filter((r): r is string => typeof r === 'string')
      : typeof record.abstract === 'string' ? [record.abstract] : []
    if (typeof record.text !== 'string' || references.length === 0 || !accept(record)) continue
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

/** Budget = the mean length of the item's references, in characters, for every method alike. */
function score(items: Item[], fill: boolean): Record<Method, RougeScores> {
  const out = {} as Record<Method, RougeScores>
  for (const method of Object.keys(METHODS) as Method[]) {
    const s = meanScores(items.map((item) => {
      const budget = Math.round(item.references.reduce((sum, r) => sum + r.length, 0) / item.references.length)
      return rougeMulti(METHODS[method](item, budget, fill), item.references)
    }))
    out[method] = { r1: round(s.r1), r2: round(s.r2), rl: round(s.rl) }
  }
  return out
}

const round = (x: number) => Math.round(x * 1000) / 1000

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
  sets.push({ key: 'easc', items: await readItems(easc) }, { key: 'cnn', items: await readItems(ant, isRewrittenCnn) })
}

const result: Record<string, Record<Method, RougeScores> & { n: number, wholeSentences: Record<Method, RougeScores> }> = {}
const rows: Record<string, string | number>[] = []
for (const { key, items } of sets) {
  const filled = score(items, true)
  const whole = score(items, false)
  result[key] = { n: items.length, ...filled, wholeSentences: whole }
  for (const [rule, scores] of [['filled', filled], ['whole sentences', whole]] as const) {
    for (const method of Object.keys(scores) as Method[]) {
      const s = scores[method]
      rows.push({ set: key, articles: items.length, budget: rule, method, 'ROUGE-1': s.r1.toFixed(3), 'ROUGE-2': s.r2.toFixed(3), 'ROUGE-L': s.rl.toFixed(3) })
    }
  }
}
process.stdout.write(`${table(rows)}\n`)
process.stdout.write([
  'F1 over Arabic-normalised words, averaged over the references; budget = mean reference length in characters.',
  'filled: the room whole sentences leave is used by the head of the next sentence (as the reference figures were measured);',
  'whole sentences: what the bot shows. Top-level JSON keys are the filled figures.',
].join('\n') + '\n')
process.stdout.write(`${JSON.stringify(result)}\n`)
