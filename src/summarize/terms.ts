import { createRequire } from 'node:module'
import { stemmer } from '@orama/stemmers/arabic'
import { normalizeArabic } from '../articles/normalize.js'

// stopwords-iso ships no types and its main entry is a JSON file.
const require = createRequire(import.meta.url)
const stopwordsIso = require('stopwords-iso') as Record<'ar' | 'en', string[]>

// stopwords-iso ships both Arabic and English lists; mixed-script articles need both.
const STOPWORDS = new Set([...stopwordsIso.ar, ...stopwordsIso.en].map(normalizeArabic))

const WORD = /[\p{L}\p{N}]+/gu
/**
 * A character of a word as written: letters and digits, and the marks, tatweel and direction marks that
 * normalizeArabic removes from inside a word, so a written word gives the terms of its normalised form.
 */
const WRITTEN_CHAR = /^[\p{L}\p{N}\p{M}\u0640\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]$/u

/** 1 where a UTF-16 unit is a written-word character, 2 for a surrogate (decided on the code point). */
let charClass: Uint8Array | undefined

function classes(): Uint8Array {
  if (charClass) return charClass
  charClass = new Uint8Array(0x10000)
  for (let c = 0; c < 0x10000; c++) {
    charClass[c] = c >= 0xD800 && c <= 0xDFFF ? 2 : WRITTEN_CHAR.test(String.fromCharCode(c)) ? 1 : 0
  }
  return charClass
}

/**
 * Written word → term ids, in an open-addressing table of typed arrays. Normalising and stemming are most of a
 * summary's cost and a news vocabulary repeats, so each written form is worked out once; a Map from strings
 * costs several cache misses a word on this machine's small caches, and the table costs one, without making a
 * string of the word. A word is known by its length and two independent 32-bit hashes of its characters (a false
 * match needs a 64-bit collision: about 1 in 10^14 lookups). Slot: [hash1, hash2, length + 1 (0: empty), term].
 */
const MIN_SLOTS = 1 << 16
const MAX_SLOTS = 1 << 19
const NO_TERM = -1
let slots = new Int32Array(MIN_SLOTS * 4)
let used = 0
/** term < -1: the terms are multi[-term - 2] (a written word that normalises to several words, which is rare). */
let multi: number[][] = []
const termIds = new Map<string, number>()
let termText: string[] = []

/** Between calls: a vocabulary past the largest table starts again (term ids are only valid within one call). */
function resetIfFull() {
  if (used < MAX_SLOTS * 0.7) return
  slots = new Int32Array(MIN_SLOTS * 4)
  used = 0
  multi = []
  termIds.clear()
  termText = []
}

function idOf(term: string): number {
  let id = termIds.get(term)
  if (id === undefined) {
    id = termText.length
    termText.push(term)
    termIds.set(term, id)
  }
  return id
}

function computeTerms(written: string): number {
  const words = normalizeArabic(written).match(WORD)
  const ids: number[] = []
  for (const word of words ?? []) {
    if (word.length < 2 || STOPWORDS.has(word)) continue
    ids.push(idOf(/[\u0600-\u06FF]/.test(word) ? stemmer(word) : word))
  }
  if (ids.length === 0) return NO_TERM
  if (ids.length === 1) return ids[0]!
  multi.push(ids)
  return -multi.length - 1
}

function grow() {
  const old = slots
  slots = new Int32Array(old.length * 2)
  const mask = slots.length / 4 - 1
  for (let s = 0; s < old.length; s += 4) {
    if (old[s + 2] === 0) continue
    let i = old[s]! & mask
    while (slots[i * 4 + 2] !== 0) i = (i + 1) & mask
    slots.set(old.subarray(s, s + 4), i * 4)
  }
}

/** The term (or NO_TERM, or a multi index) of text[start, end), whose hashes are h1 and h2. */
function termOf(text: string, start: number, end: number, h1: number, h2: number): number {
  const length = end - start + 1
  let mask = slots.length / 4 - 1
  let i = h1 & mask
  for (;;) {
    const at = i * 4
    const stored = slots[at + 2]!
    if (stored === 0) break
    if (stored === length && slots[at] === h1 && slots[at + 1] === h2) return slots[at + 3]!
    i = (i + 1) & mask
  }
  const term = computeTerms(text.slice(start, end))
  // Full at the largest size: answered, not kept, until the next call starts the table again.
  if (used >= (slots.length / 4) * 0.7) {
    if (slots.length / 4 >= MAX_SLOTS) return term
    grow()
    mask = slots.length / 4 - 1
    i = h1 & mask
    while (slots[i * 4 + 2] !== 0) i = (i + 1) & mask
  }
  slots.set([h1, h2, length, term], i * 4)
  used++
  return term
}

/** Term ids of a text, in order; valid until the next call (see resetIfFull). */
function idsOf(text: string, out: number[]) {
  const cls = classes()
  const n = text.length
  let i = 0
  while (i < n) {
    let c = text.charCodeAt(i)
    if (cls[c] === 0 || (cls[c] === 2 && !isWrittenPair(text, i))) {
      i++
      continue
    }
    const start = i
    let h1 = 0x811C9DC5
    let h2 = 0x9747B28C
    while (i < n) {
      c = text.charCodeAt(i)
      const k = cls[c]
      if (k === 0 || (k === 2 && !isWrittenPair(text, i))) break
      h1 = Math.imul(h1 ^ c, 0x01000193)
      h2 = Math.imul(h2 ^ c, 0x5BD1E995)
      h2 ^= h2 >>> 15
      i += k === 2 ? 2 : 1
      if (k === 2) h1 = Math.imul(h1 ^ text.charCodeAt(i - 1), 0x01000193)
    }
    const term = termOf(text, start, i, h1, h2)
    if (term >= 0) out.push(term)
    else if (term < NO_TERM) for (const t of multi[-term - 2]!) out.push(t)
  }
}

function isWrittenPair(text: string, i: number): boolean {
  const code = text.codePointAt(i)!
  return code > 0xFFFF && WRITTEN_CHAR.test(String.fromCodePoint(code))
}

/** Term ids of each text (Arabic words stemmed, stopwords dropped), comparable with each other within this call. */
export function termIdsOfEach(texts: string[]): number[][] {
  resetIfFull()
  return texts.map((text) => {
    const out: number[] = []
    idsOf(text, out)
    return out
  })
}

/** Content terms of a text: normalised words minus stopwords, Arabic words light-stemmed so الاتفاق and اتفاق meet. */
export function contentTerms(text: string): string[] {
  return termIdsOfEach([text])[0]!.map((id) => termText[id]!)
}

/** contentTerms of each text. */
export function contentTermsOfEach(texts: string[]): string[][] {
  return termIdsOfEach(texts).map((ids) => ids.map((id) => termText[id]!))
}
