import { createRequire } from 'node:module'
import { stemmer } from '@orama/stemmers/arabic'
import { normalizeArabic } from '../articles/normalize.js'

// stopwords-iso ships no types and its main entry is a JSON file.
const require = createRequire(import.meta.url)
const stopwordsIso = require('stopwords-iso') as Record<'ar' | 'en', string[]>

// stopwords-iso ships both Arabic and English lists; mixed-script articles need both.
const STOPWORDS = new Set([...stopwordsIso.ar, ...stopwordsIso.en].map(normalizeArabic))
const STEM_CACHE_LIMIT = 100_000
const stems = new Map<string, string>()

const WORD = /[\p{L}\p{N}]+/gu

/** Content terms of a text: normalised words minus stopwords, Arabic words light-stemmed so الاتفاق and اتفاق meet. */
export function contentTerms(text: string): string[] {
  return contentTermsOfEach([text])[0]!
}

/** contentTerms of many single-line texts with one normalisation pass, the costly part on a long article. */
export function contentTermsOfEach(texts: string[]): string[][] {
  return normalizeArabic(texts.map((t) => t.replace(/\n/g, ' ')).join('\n')).split('\n').map((line) => {
    const out: string[] = []
    for (const word of line.match(WORD) ?? []) {
      if (word.length < 2 || STOPWORDS.has(word)) continue
      out.push(stem(word))
    }
    return out
  })
}

function stem(word: string): string {
  let s = stems.get(word)
  if (s !== undefined) return s
  s = /[\u0600-\u06FF]/.test(word) ? stemmer(word) : word
  if (stems.size >= STEM_CACHE_LIMIT) stems.clear()
  stems.set(word, s)
  return s
}
