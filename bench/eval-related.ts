import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { articleFromRecord } from '../src/articles/from-record.js'
import { headlineKey, tokenize } from '../src/articles/normalize.js'
import { parsePage } from '../src/articles/parse-page.js'
import type { Article } from '../src/articles/types.js'
import { isStopword } from '../src/search/analyzer.js'
import { createRelatedFinder, type RelatedList, type RelatedOptions } from '../src/search/related.js'
import { createSearchIndex } from '../src/search/search-index.js'
import { corpusPath, readRecords, requireCorpora, table } from './search-kit/corpora.js'
import { round3 } from './search-kit/metrics.js'

const { values: args } = parseArgs({ options: { 'no-sweep': { type: 'boolean' } } })
requireCorpora('aawsat-2015.jsonl.gz', 'ant-2018.jsonl.gz')
const SEED = new URL('../seeds/000_fa8fa1f621836132.txt', import.meta.url)
const SAMPLE = 2000

/** Corpus records as articles under their corpus ids, so planted near-duplicates stay two articles. */
async function corpus(name: string): Promise<Article[]> {
  const out: Article[] = []
  const seen = new Set<string>()
  for (const r of await readRecords(corpusPath(name))) {
    const a = articleFromRecord(r, { source: name, seenAt: '2015-07-21T00:00:00.000Z' })
    if (typeof a === 'string' || seen.has(String(r.id))) continue
    seen.add(String(r.id))
    out.push({ ...a, id: String(r.id), seq: out.length })
  }
  return out
}

/**
 * The judge of "the same thing twice" in a list, apart from the engine's own rule (which works on stems): normalised
 * words without stopwords or numbers. Two items are near-duplicates when their headlines are the same words (a
 * recurring column: «موجز دوليات»), their headline + lead share 40 % of their words, or their headlines share half
 * their words and their leads some (daily market closes, aid-flight items, the same story retold).
 */
function createJudge(byId: Map<string, Article>) {
  const cache = new Map<string, { title: Set<string>, lead: Set<string> }>()
  const words = (text: string) => new Set(tokenize(text).filter((w) => w.length > 1 && !/^\d+$/.test(w) && !isStopword(w)))
  const of = (id: string) => {
    let hit = cache.get(id)
    if (!hit) {
      const a = byId.get(id)!
      const title = words(a.title)
      hit = { title, lead: new Set([...title, ...words(a.paragraphs[0] ?? '')]) }
      cache.set(id, hit)
    }
    return hit
  }
  const jaccard = (x: Set<string>, y: Set<string>) => {
    let shared = 0
    for (const w of x) if (y.has(w)) shared++
    return shared / (x.size + y.size - shared || 1)
  }
  return (a: string, b: string): boolean => {
    const x = of(a)
    const y = of(b)
    const lead = jaccard(x.lead, y.lead)
    return (x.title.size > 0 && jaccard(x.title, y.title) === 1) || lead >= 0.4 || (jaccard(x.title, y.title) >= 0.5 && lead >= 0.1)
  }
}

/** Near-duplicate pairs among a list's first five items. */
function pairsInTop5(list: RelatedList, same: (a: string, b: string) => boolean, examples?: string[][], byId?: Map<string, Article>): number {
  const top = list.items.slice(0, 5).map((i) => i.id)
  let pairs = 0
  for (let x = 0; x < top.length; x++) {
    for (let y = x + 1; y < top.length; y++) {
      if (!same(top[x]!, top[y]!)) continue
      pairs++
      if (examples && byId && examples.length < 8) examples.push([byId.get(top[x]!)!.title.slice(0, 60), byId.get(top[y]!)!.title.slice(0, 60)])
    }
  }
  return pairs
}

function engine(list: Article[]) {
  const byId = new Map(list.map((a) => [a.id, a]))
  const index = createSearchIndex()
  index.add(list)
  return { index, related: (options?: RelatedOptions) => createRelatedFinder({ articles: { get: (id) => byId.get(id) }, index }, options) }
}

// 1. The seed's first article and its stubs, links removed, among the Asharq Al-Awsat articles.
const aawsat = await corpus('aawsat-2015.jsonl.gz')
const page = parsePage(readFileSync(SEED, 'utf8'), { source: 'seed.txt', seenAt: '2015-08-01T00:00:00.000Z' })
const main = page.articles.find((a) => a.kind === 'full' && a.related.length > 0)!
const links = main.related
const mixed = [...aawsat, ...page.articles.map((a) => ({ ...a, related: [] }))]
const seedEngine = engine(mixed)
function publisherHits(options?: RelatedOptions): [number, number] {
  const found = seedEngine.related(options).get(main.id)!.items.map((i) => i.id)
  return [5, 10].map((n) => links.filter((id) => found.slice(0, n).includes(id)).length) as [number, number]
}
const [publisherTop5, publisherTop10] = publisherHits()

// 2. Precision@5 by category and near-duplicate collapsing on ANT.
const ant = await corpus('ant-2018.jsonl.gz')
const antEngine = engine(ant)
const antFolds = new Map<string, Set<string>>()
const antRelated = antEngine.related({ onFold: (listed, folded) => { let set = antFolds.get(listed); if (!set) antFolds.set(listed, set = new Set()); set.add(folded) } })
const byId = new Map(ant.map((a) => [a.id, a]))
const byHeadline = new Map<string, string[]>()
for (const a of ant) byHeadline.set(headlineKey(a.title), [...(byHeadline.get(headlineKey(a.title)) ?? []), a.id])
const plantedPairs = [...byHeadline.values()].filter((ids) => ids.length > 1)
const antJudge = createJudge(byId)
const examples: string[][] = []
let precisionSum = 0
let judged = 0
let antPairs = 0
const times: number[] = []
for (let i = 0; i < ant.length && judged < SAMPLE; i += Math.floor(ant.length / SAMPLE)) {
  const article = ant[i]!
  const t = performance.now()
  const list = antRelated.get(article.id)!
  const items = list.items.slice(0, 5)
  times.push(performance.now() - t)
  if (items.length === 0) continue
  precisionSum += items.filter((it) => byId.get(it.id)?.category === article.category).length / 5
  antPairs += pairsInTop5(list, antJudge, examples, byId)
  judged++
}
// Asharq Al-Awsat has the recurring series (market closes, «موجز» columns, aid flights) that ANT lacks.
const seedById = new Map(mixed.map((a) => [a.id, a]))
const aawsatJudge = createJudge(seedById)
const aawsatExamples: string[][] = []
/** Groups the collapse made, listed story first, for reading: each folded story with its lede overlap to the listed one. */
const folds = new Map<string, Set<string>>()
const onFold = (listed: string, folded: string) => {
  let set = folds.get(listed)
  if (!set) folds.set(listed, set = new Set())
  set.add(folded)
}
const aawsatRelated = seedEngine.related({ onFold })
let aawsatPairs = 0
let aawsatJudged = 0
for (const article of aawsat) {
  const list = aawsatRelated.get(article.id)!
  if (list.items.length === 0) continue
  aawsatPairs += pairsInTop5(list, aawsatJudge, aawsatExamples, seedById)
  aawsatJudged++
}
// A planted pair is collapsed when one's related list never shows the other as a separate story.
let collapsed = 0
for (const ids of plantedPairs) {
  const list = antRelated.get(ids[0]!)!
  if (!list.items.some((it) => ids.includes(it.id)) && list.duplicatesOfSource > 0) collapsed++
}
times.sort((a, b) => a - b)

/** Precision@5 by category over a smaller sample, for the parameter sweep. */
function precisionAt5(options: RelatedOptions, sample: number): number {
  const related = antEngine.related(options)
  let sum = 0
  let n = 0
  for (let i = 0; i < ant.length && n < sample; i += Math.floor(ant.length / sample)) {
    const items = related.get(ant[i]!.id)!.items.slice(0, 5)
    if (items.length === 0) continue
    sum += items.filter((it) => byId.get(it.id)?.category === ant[i]!.category).length / 5
    n++
  }
  return round3(sum / n)
}
// The seed result rests on one article, so show how it moves with the time prior and the query size.
const SWEEP_SAMPLE = 500
const sweep = args['no-sweep'] ? [] : [0, 0.5, 1].flatMap((recency) => [20, 40].map((queryTerms) => {
  const [top5, top10] = publisherHits({ recency, queryTerms })
  return [recency, queryTerms, `${top5} / ${links.length}`, `${top10} / ${links.length}`, precisionAt5({ recency, queryTerms }, SWEEP_SAMPLE)]
}))
console.log(`Sweep (defaults: recency 0.5 with a 1-day half-life, 40 query stems; ANT precision@5 on ${SWEEP_SAMPLE} articles):`)
console.log(table(['recency', 'query stems', 'publisher top 5', 'publisher top 10', 'ANT precision@5'], sweep))
const result = {
  publisherTop5, publisherTop10, publisherLinks: links.length,
  categoryPrecisionAt5: round3(precisionSum / judged), judged,
  nearDuplicatesInTop5: round3(antPairs / judged), nearDuplicatesInTop5Aawsat: round3(aawsatPairs / aawsatJudged), aawsatJudged,
  nearDuplicatePairs: plantedPairs.length, nearDuplicatesCollapsed: collapsed,
  computeP50Ms: round3(times[Math.floor(times.length / 2)]!), computeP99Ms: round3(times[Math.floor(times.length * 0.99)]!),
}
console.log(table(['measure', 'value'], [
  ['seed article: publisher links in top 5', `${publisherTop5} / ${links.length}`],
  ['seed article: publisher links in top 10', `${publisherTop10} / ${links.length}`],
  [`ANT category precision@5 (${judged} articles)`, result.categoryPrecisionAt5],
  ['ANT same-headline pairs collapsed', `${collapsed} / ${plantedPairs.length}`],
  [`near-duplicate pairs in the top 5, ANT (${judged} articles)`, result.nearDuplicatesInTop5],
  [`near-duplicate pairs in the top 5, Asharq Al-Awsat (${aawsatJudged} articles)`, result.nearDuplicatesInTop5Aawsat],
  ['related list, first computation p50 / p99 ms', `${result.computeP50Ms} / ${result.computeP99Ms}`],
]))
for (const [name, list] of [['ANT', examples], ['Asharq Al-Awsat', aawsatExamples]] as const) {
  if (list.length > 0) console.log(`Near-duplicate pairs in a top 5, ${name} (first ${list.length}):\n${list.map(([a, b]) => `  ${a}  ‖  ${b}`).join('\n')}`)
}
/** Every 40th group, so the sample spreads over the corpus; a reader checks that no group joins distinct news. */
for (const [name, groups, articles] of [['ANT', antFolds, byId], ['Asharq Al-Awsat', folds, seedById]] as const) {
  const sample = [...groups].filter((_, i) => i % 40 === 0).slice(0, 12)
  console.log(`Folded groups, ${name} (${groups.size} listed stories with others folded in; every 40th):`)
  for (const [listed, members] of sample) {
    const date = (id: string) => (articles.get(id)!.publishedAt ?? '').slice(0, 10)
    console.log(`  ${articles.get(listed)!.title.slice(0, 70)} (${date(listed)})`)
    for (const m of [...members].slice(0, 4)) console.log(`    + ${articles.get(m)!.title.slice(0, 70)} (${date(m)})`)
  }
}
console.log(JSON.stringify(result))
