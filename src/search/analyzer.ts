import { createRequire } from 'node:module'
import { stemmer as snowballArabic } from '@orama/stemmers/arabic'
import { normalizeArabic } from '../articles/normalize.js'

// stopwords-iso ships JSON only; createRequire keeps it out of the ESM import graph's JSON-assertion rules.
const stopwordsIso = createRequire(import.meta.url)('stopwords-iso/stopwords-iso.json') as Record<string, string[]>

// @orama/stemmers/arabic is the Snowball Arabic algorithm (identical output to snowball-stemmers, but typed ESM).
// Snowball needs ة, ى and hamza forms to find suffixes, so stemming sees the word before the shared folding.
const MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200E\u200F\u202A-\u202E\u2066-\u2069\u061C]/g
const WORD = /[\p{L}\p{N}]+/gu
const ARABIC_LETTER = /[\u0621-\u064A]/
/**
 * Snowball leaves و/ب/ك/ف + ال stuck on plural nouns (والحكومات → والحكوما); Light10's prefix step, applied first,
 * makes the family حكومة/الحكومة/حكومات/والحكومات one stem (tests/search/analyzer.test.ts, bench/eval-stemmer.ts).
 */
const ARTICLE_PREFIXES = ['وبال', 'وال', 'بال', 'كال', 'فال', 'لل', 'ال']
const MIN_TOKEN = 2
/**
 * Stems are memoised in two generations of this many words: a word read in either is kept, the older one is dropped
 * when the newer fills. Clearing one table at 400,000 threw out the whole working vocabulary with the one-off names,
 * and left memory at whatever point of the cycle it was read (bench:catalog soak, a new name in every item).
 */
const GENERATION = 200_000

const STOPWORDS = new Set((stopwordsIso.ar ?? []).map((w) => normalizeArabic(w)))
let stems = new Map<string, string>()
let older = new Map<string, string>()

export function isStopword(normalizedWord: string): boolean {
  return STOPWORDS.has(normalizedWord)
}

/** One raw word → its normalised stem, or '' for a stopword or a token too short to mean anything. */
export function stemWord(raw: string): string {
  const cached = stems.get(raw)
  if (cached !== undefined) return cached
  const stem = older.get(raw) ?? computeStem(raw)
  if (stems.size >= GENERATION) {
    older = stems
    stems = new Map()
  }
  stems.set(raw, stem)
  return stem
}

function computeStem(raw: string): string {
  const word = raw.normalize('NFKC').toLowerCase()
  const folded = normalizeArabic(word)
  if (folded.length < MIN_TOKEN || STOPWORDS.has(folded)) return ''
  if (!ARABIC_LETTER.test(word)) return folded
  const base = stripArticle(word)
  // Twice: the first pass often stops one suffix short (حكومات → حكوما → حكوم).
  const stem = keepInitialLetters(normalizeArabic(base), normalizeArabic(snowballArabic(snowballArabic(base))))
  return stem.length >= MIN_TOKEN ? stem : folded
}

function stripArticle(word: string): string {
  for (const prefix of ARTICLE_PREFIXES) {
    if (word.startsWith(prefix) && word.length - prefix.length >= 3) return word.slice(prefix.length)
  }
  return word
}

/**
 * Snowball also strips a leading ب/ف/ك/ل as if it were a particle, which wrecks names (بوتين → تين, فلاديمير → لاديمير).
 * Only و is let go, as in Light10; other leading letters it removed are put back.
 */
function keepInitialLetters(base: string, stem: string): string {
  if (base.startsWith(stem)) return stem
  for (let k = 1; k <= 3; k++) {
    if (!base.slice(k).startsWith(stem)) continue
    const lead = base.slice(0, k)
    return lead === '\u0648' && base.length >= 4 ? stem : lead + stem
  }
  return stem
}

/** Text → stems in order: the one analyzer for the index, the topic model, keyword filters and queries. */
export function analyze(text: string): string[] {
  const out: string[] = []
  for (const raw of text.replace(MARKS, '').match(WORD) ?? []) {
    const stem = stemWord(raw)
    if (stem) out.push(stem)
  }
  return out
}
