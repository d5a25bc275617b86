import { createRequire } from 'node:module'
import { normalizeArabic, tokenize } from '../articles/normalize.js'

// Neither package ships types or an ESM entry (stopwords-iso's main is a JSON file).
const require = createRequire(import.meta.url)
const stopwordsIso = require('stopwords-iso') as Record<'ar' | 'en', string[]>
const snowball = require('snowball-stemmers') as { newStemmer(language: string): { stem(word: string): string } }

// stopwords-iso ships both Arabic and English lists; mixed-script articles need both.
const STOPWORDS = new Set([...stopwordsIso.ar, ...stopwordsIso.en].map(normalizeArabic))
const stemmer = snowball.newStemmer('arabic')
const STEM_CACHE_LIMIT = 100_000
const stems = new Map<string, string>()

/** Content terms of a text: normalised words minus stopwords, Arabic words light-stemmed so الاتفاق and اتفاق meet. */
export function contentTerms(text: string): string[] {
  const out: string[] = []
  for (const word of tokenize(text)) {
    if (word.length < 2 || STOPWORDS.has(word)) continue
    out.push(stem(word))
  }
  return out
}

function stem(word: string): string {
  let s = stems.get(word)
  if (s !== undefined) return s
  s = /[\u0600-\u06FF]/.test(word) ? stemmer.stem(word) : word
  if (stems.size >= STEM_CACHE_LIMIT) stems.clear()
  stems.set(word, s)
  return s
}
