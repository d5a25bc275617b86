import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { analyze } from '../src/search/analyzer.js'
import { corpusPath, readRecords, requireCorpora, table } from './search-kit/corpora.js'
import { round3 } from './search-kit/metrics.js'
import { appBench } from './search-kit/app-bench.js'
import { flexSearchAdapter, miniSearchAdapter, oramaAdapter, type Adapter } from './search-kit/search-adapters.js'

/**
 * Compares MiniSearch, Orama and FlexSearch on aawsat + ANT over title + lead (first two paragraphs), the fields the
 * bot indexes. Each library runs in its own child process so heap figures do not mix.
 */
const ADAPTERS: Record<string, () => Adapter> = { minisearch: miniSearchAdapter, flexsearch: flexSearchAdapter, orama: oramaAdapter }
const LEAD_PARAGRAPHS = 2

interface Judged { query: string, expected: string[] }

async function loadDocs() {
  const docs: { id: string, text: string, title: string }[] = []
  const seen = new Set<string>()
  for (const name of ['aawsat-2015.jsonl.gz', 'ant-2018.jsonl.gz']) {
    for (const r of await readRecords(corpusPath(name))) {
      // The aawsat dump repeats a few ids; the first copy wins, as in the bot's own store.
      if (seen.has(String(r.id))) continue
      seen.add(String(r.id))
      const title = String(r.title ?? '')
      const lead = String(r.text ?? '').split(/\n+/).slice(0, LEAD_PARAGRAPHS).join(' ')
      docs.push({ id: String(r.id), title, text: `${title} ${lead}` })
    }
  }
  return docs
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!
}

async function runOne(name: string) {
  const docs = await loadDocs()
  const analyzeStart = performance.now()
  const analysed = docs.map((d) => ({ id: d.id, text: analyze(d.text).join(' ') }))
  const analyzeS = (performance.now() - analyzeStart) / 1000
  globalThis.gc?.()
  const heapBefore = process.memoryUsage().heapUsed
  const adapter = ADAPTERS[name]!()
  const buildStart = performance.now()
  await adapter.build(analysed)
  const buildS = (performance.now() - buildStart) / 1000
  globalThis.gc?.()
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6

  // 1–3 word queries drawn from headlines: realistic words, some rare, some common.
  const queries: string[] = []
  for (let i = 0; i < 3000; i++) {
    const words = analyze(docs[(i * 7919) % docs.length]!.title)
    const n = 1 + (i % 3)
    const from = words.length > n ? (i * 31) % (words.length - n) : 0
    if (words.length) queries.push(words.slice(from, from + n).join(' '))
  }
  for (const q of queries.slice(0, 200)) await adapter.search(q, 10)
  const times: number[] = []
  for (const q of queries) {
    const t = performance.now()
    await adapter.search(q, 10)
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)

  const judged = (JSON.parse(readFileSync(new URL('./search-kit/search-queries.json', import.meta.url), 'utf8')) as { queries: Judged[] }).queries
  let hits1 = 0
  let hits10 = 0
  let rr = 0
  for (const { query, expected } of judged) {
    const found = await adapter.search(analyze(query).join(' '), 10)
    const rank = found.findIndex((id) => expected.includes(id))
    if (rank === 0) hits1++
    if (rank >= 0) {
      hits10++
      rr += 1 / (rank + 1)
    }
  }
  return {
    library: adapter.name, docs: docs.length, analyzeS: round3(analyzeS), buildS: round3(buildS), heapMb: Math.round(heapMb),
    p50: round3(percentile(times, 0.5)), p99: round3(percentile(times, 0.99)),
    judged: judged.length, hitAt1: round3(hits1 / judged.length), hitAt10: round3(hits10 / judged.length), mrr: round3(rr / judged.length),
  }
}

const only = process.argv[2]
if (only === 'app') {
  console.log(JSON.stringify(await appBench()))
}
else if (only && ADAPTERS[only]) {
  console.log(JSON.stringify(await runOne(only)))
}
else {
  requireCorpora('aawsat-2015.jsonl.gz', 'ant-2018.jsonl.gz')
  const self = fileURLToPath(import.meta.url)
  const child = (name: string) => {
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, name], { encoding: 'utf8', maxBuffer: 1 << 24 })
    return JSON.parse(out.trim().split('\n').at(-1)!) as unknown
  }
  const results = Object.keys(ADAPTERS).map((name) => child(name) as Awaited<ReturnType<typeof runOne>>)
  console.log('Libraries side by side (title + lead, same analyzer, 1–3 word OR queries, top 10):')
  console.log(table(['library', 'docs', 'analyse s', 'build s', 'heap MB', 'p50 ms', 'p99 ms', 'hit@1', 'hit@10', 'MRR'],
    results.map((r) => [r.library, r.docs, r.analyzeS, r.buildS, r.heapMb, r.p50, r.p99, r.hitAt1, r.hitAt10, r.mrr])))
  const app = child('app') as Awaited<ReturnType<typeof appBench>>
  console.log(`\nThe bot's path with all ${app.articles} stored articles (FlexSearch; index build ${app.buildS} s, ${app.indexMb} MB heap; store + index ingest ${app.ingestS} s; related lists for all computed in ${app.relatedWarmS} s):`)
  console.log(table(['operation', 'p50 ms', 'p99 ms', 'target p99 ms'], [
    ['search (1–3 words, top 10)', app.search.p50, app.search.p99, 5],
    ['topic filter (/latest 10 with follows/mutes)', app.filter.p50, app.filter.p99, 5],
    ['related (precomputed list)', app.related.p50, app.related.p99, 5],
    ['related (first computation, at ingest)', app.relatedFirst.p50, app.relatedFirst.p99, '—'],
    [`inline query end to end via fake Bot API (${app.inlineFailures} refused)`, app.inline.p50, app.inline.p99, 50],
  ]))
  console.log(JSON.stringify({ libraries: results, app }))
}
