import { createRequire } from 'node:module'
import { stemmer as snowballArabic } from '@orama/stemmers/arabic'
import { MARKS, normalizeArabic } from '../articles/normalize.js'
import { createStemMemo } from './stem-memo.js'

// stopwords-iso ships JSON only; createRequire keeps it out of the ESM import graph's JSON-assertion rules.
const stopwordsIso = createRequire(import.meta.url)('stopwords-iso/stopwords-iso.json') as Record<string, string[]>

// @orama/stemmers/arabic is the Snowball Arabic algorithm (identical output to snowball-stemmers, but typed ESM).
// Snowball needs ة, ى and hamza forms to find suffixes, so stemming sees the word before the shared folding.
const WORD = /[\p{L}\p{N}]+/gu
const ARABIC_LETTER = /[\u0621-\u064A]/
const SEPARATOR = 0
const LETTER = 1
const MARK = 2
const SURROGATE = 3
/** Each UTF-16 unit as analyze() reads it: part of a word (WORD), left out (MARKS), half a code point, or a break. */
const KIND = new Uint8Array(0x10000)
for (let c = 0; c < 0x10000; c++) {
  const ch = String.fromCharCode(c)
  KIND[c] = c >= 0xD800 && c <= 0xDFFF ? SURROGATE : ch.replace(MARKS, '') === '' ? MARK : /^[\p{L}\p{N}]$/u.test(ch) ? LETTER : SEPARATOR
}
/**
 * Snowball leaves و/ب/ك/ف + ال stuck on plural nouns (والحكومات → والحكوما); Light10's prefix step, applied first,
 * makes the family حكومة/الحكومة/حكومات/والحكومات one stem (tests/search/analyzer.test.ts, bench/eval-stemmer.ts).
 */
const ARTICLE_PREFIXES = ['وبال', 'وال', 'بال', 'كال', 'فال', 'لل', 'ال']
const MIN_TOKEN = 2
const STOPWORDS = new Set((stopwordsIso.ar ?? []).map((w) => normalizeArabic(w)))
const memo = createStemMemo()

export function isStopword(normalizedWord: string): boolean {
  return STOPWORDS.has(normalizedWord)
}

/** One raw word → its normalised stem, or '' for a stopword or a token too short to mean anything. */
export function stemWord(raw: string): string {
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
  const n = text.length
  let i = 0
  while (i < n) {
    const kind = KIND[text.charCodeAt(i)]!
    if (kind === SURROGATE) return analyzeByCodePoint(text)
    if (kind !== LETTER) {
      i++
      continue
    }
    // A word: letters and digits, with the marks inside it left out (MARKS go before WORD is matched).
    const start = i
    let h1 = 0x811C9DC5
    let h2 = 0x2545F491
    let length = 0
    let marked = false
    for (; i < n; i++) {
      const c = text.charCodeAt(i)
      const k = KIND[c]!
      if (k === LETTER) {
        h1 = Math.imul(h1 ^ c, 0x01000193)
        h2 = (Math.imul(h2 ^ (h2 >>> 15), 0x2C1B3C6D) + c) | 0
        length++
      }
      else if (k === MARK) marked = true
      else if (k === SURROGATE) return analyzeByCodePoint(text)
      else break
    }
    let stem = memo.stem(h1, h2, length)
    if (stem === undefined) {
      stem = stemWord(marked ? text.slice(start, i).replace(MARKS, '') : text.slice(start, i))
      memo.add(h1, h2, length, stem)
    }
    if (stem) out.push(stem)
  }
  return out
}

/** The rule analyze() follows, read by code point: for a text with characters outside the BMP. */
function analyzeByCodePoint(text: string): string[] {
  const out: string[] = []
  for (const raw of text.replace(MARKS, '').match(WORD) ?? []) {
    const stem = stemWord(raw)
    if (stem) out.push(stem)
  }
  return out
}
