import { readFileSync } from 'node:fs'
import { stemmer as oramaArabic } from '@orama/stemmers/arabic'
import { createRequire } from 'node:module'
import { normalizeArabic } from '../src/articles/normalize.js'
import { stemWord } from '../src/search/analyzer.js'
import { corpusPath, requireCorpora, table } from './search-kit/corpora.js'
import { round3 } from './search-kit/metrics.js'

/** Scores candidate stemmers on ../shared/corpora/stemmer-golden.json and on word families the bot must conflate. */
requireCorpora('stemmer-golden.json')
const snowball = (createRequire(import.meta.url)('snowball-stemmers') as { newStemmer(l: string): { stem(w: string): string } }).newStemmer('arabic')
const golden = JSON.parse(readFileSync(corpusPath('stemmer-golden.json'), 'utf8')) as { word: string, stem: string }[]
const FAMILIES = [
  ['حكومة', 'الحكومة', 'حكومات', 'والحكومات', 'بالحكومة'],
  ['انتخابات', 'الانتخابات', 'وبالانتخابات', 'الانتخاب'],
  ['لاعب', 'اللاعبون', 'لاعبين', 'واللاعب'],
  ['روسيا', 'وروسيا', 'الروسية'],
  ['كرة', 'الكرة', 'بالكرة'],
]
const NAMES = ['بوتين', 'فلاديمير', 'بيلاروسيا', 'بغداد', 'فرنسا', 'كوريا', 'لبنان']

const candidates: Record<string, (w: string) => string> = {
  'snowball-stemmers (arabic)': (w) => normalizeArabic(snowball.stem(w)),
  '@orama/stemmers/arabic': (w) => normalizeArabic(oramaArabic(w)),
  'ours: Light10 article prefix + Snowball ×2, initial letters kept': stemWord,
}

const rows = Object.entries(candidates).map(([name, stem]) => {
  const exact = golden.filter((g) => stem(g.word) === normalizeArabic(g.stem)).length / golden.length
  const groups = new Map<string, string[]>()
  for (const g of golden) groups.set(normalizeArabic(g.stem), [...(groups.get(normalizeArabic(g.stem)) ?? []), stem(g.word)])
  let pairs = 0
  let same = 0
  for (const stems of groups.values()) for (let i = 0; i < stems.length; i++) for (let j = i + 1; j < stems.length; j++) {
    pairs++
    if (stems[i] === stems[j]) same++
  }
  const families = FAMILIES.filter((f) => new Set(f.map(stem)).size === 1).length
  const names = NAMES.filter((n) => normalizeArabic(n).startsWith(stem(n)) && stem(n).length >= normalizeArabic(n).length - 2).length
  return { name, exact: round3(exact), familyPairs: round3(same / pairs), families: `${families}/${FAMILIES.length}`, names: `${names}/${NAMES.length}` }
})
console.log(table(['stemmer', 'golden exact', 'golden same-stem pairs kept together', 'families conflated', 'names kept'],
  rows.map((r) => [r.name, r.exact, r.familyPairs, r.families, r.names])))
console.log(JSON.stringify({ stemmers: rows }))
