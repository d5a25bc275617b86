import { normalizeArabic } from '../articles/normalize.js'
import { splitSentences } from './sentences.js'
import { contentTerms } from './terms.js'

export type Verdict = { ok: true } | { ok: false, reason: string }

export interface GuardOptions {
  maxChars: number
  maxSentences?: number
  /** Share of letters that must be Arabic. */
  minArabicShare?: number
  /** Largest share of the summary's content terms that may be absent from the article (paraphrase, not invention). */
  maxNovelTerms?: number
}

const ARABIC_LETTER = /[\u0621-\u064A\u0671-\u06D3]/gu
const ANY_LETTER = /\p{L}/gu
const LATIN_WORD = /[A-Za-z][A-Za-z'’-]*/g

/**
 * Checks an LLM summary against its article: within budget, at most 2 sentences, mostly Arabic,
 * every number and every Latin-script name present in the article, and few Arabic words the article lacks.
 */
export function checkFaithful(summary: string, articleText: string, options: GuardOptions): Verdict {
  const { maxChars, maxSentences = 2, minArabicShare = 0.7, maxNovelTerms = 0.35 } = options
  const text = summary.trim()
  if (text === '') return { ok: false, reason: 'empty reply' }
  if (text.length > maxChars) return { ok: false, reason: `over budget: ${text.length} > ${maxChars} characters` }
  const sentences = splitSentences(text).length
  if (sentences > maxSentences) return { ok: false, reason: `${sentences} sentences, at most ${maxSentences}` }
  const letters = text.match(ANY_LETTER)?.length ?? 0
  const arabic = text.match(ARABIC_LETTER)?.length ?? 0
  if (letters === 0 || arabic / letters < minArabicShare) return { ok: false, reason: `not mostly Arabic: ${Math.round((100 * arabic) / Math.max(letters, 1))}% Arabic letters` }

  const source = normalizeArabic(articleText)
  const sourceNumbers = new Set(numbers(source))
  const invented = numbers(normalizeArabic(text)).filter((n) => !sourceNumbers.has(n))
  if (invented.length > 0) return { ok: false, reason: `number not in the article: ${invented.slice(0, 3).join(', ')}` }

  const sourceWords = new Set(source.match(LATIN_WORD) ?? [])
  const names = (normalizeArabic(text).match(LATIN_WORD) ?? []).filter((w) => !sourceWords.has(w))
  if (names.length > 0) return { ok: false, reason: `name not in the article: ${names.slice(0, 3).join(', ')}` }

  const sourceTerms = new Set(contentTerms(articleText))
  const terms = contentTerms(text)
  const novel = terms.filter((t) => !sourceTerms.has(t))
  if (terms.length > 0 && novel.length / terms.length > maxNovelTerms) {
    return { ok: false, reason: `${novel.length} of ${terms.length} words not in the article (e.g. ${novel.slice(0, 3).join(', ')})` }
  }
  return { ok: true }
}

/** Digit runs with thousands separators dropped, so 1,500 in the reply matches 1500 in the article. */
function numbers(normalised: string): string[] {
  return (normalised.match(/\d[\d,٬]*(?:[.٫]\d+)?/g) ?? []).map((n) => n.replace(/[,٬]/g, '').replace('٫', '.').replace(/\.0+$/, ''))
}
