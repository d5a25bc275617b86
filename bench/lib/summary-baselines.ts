import { splitSentences, truncateWords } from '../../src/summarize/sentences.js'
import { contentTerms } from '../../src/summarize/terms.js'

/** Lead: the opening sentences in order while they fit; an over-long first sentence is cut to the budget. */
export function leadBaseline(text: string, maxChars: number, fill: boolean, maxSentences = Infinity): string {
  return pack(splitSentences(text).map((s, i) => ({ index: i, text: s })), maxChars, true, fill, maxSentences)
}

/**
 * TextRank (Mihalcea & Tarau 2004): PageRank over sentences linked by shared content terms,
 * normalised by log lengths; the top-ranked sentences that fit, in article order.
 */
export function textRankBaseline(text: string, maxChars: number, fill: boolean, maxSentences = Infinity): string {
  const sentences = splitSentences(text).slice(0, 400)
  const terms = sentences.map((s) => new Set(contentTerms(s)))
  const n = sentences.length
  const weights = terms.map((a, i) => terms.map((b, j) => {
    if (i === j || a.size < 2 || b.size < 2) return 0
    let both = 0
    for (const t of a) if (b.has(t)) both++
    return both / (Math.log(a.size) + Math.log(b.size))
  }))
  const outSum = weights.map((row) => row.reduce((s, w) => s + w, 0))
  let rank = new Array<number>(n).fill(1 / Math.max(n, 1))
  for (let iter = 0; iter < 50; iter++) {
    rank = rank.map((_, i) => 0.15 / n + 0.85 * weights.reduce((s, row, j) => s + (outSum[j]! > 0 ? (row[i]! / outSum[j]!) * rank[j]! : 0), 0))
  }
  const order = sentences.map((s, i) => ({ index: i, text: s })).sort((a, b) => rank[b.index]! - rank[a.index]! || a.index - b.index)
  return pack(order, maxChars, false, fill, maxSentences)
}

/**
 * Adds sentences in the given order while they fit; stopAtFirstMiss makes it a prefix (Lead).
 * fill: the first sentence that does not fit gives its head, cut at a word, to the remaining room.
 */
function pack(order: { index: number, text: string }[], maxChars: number, stopAtFirstMiss: boolean, fill: boolean, maxSentences: number): string {
  const chosen: { index: number, text: string }[] = []
  let used = 0
  let filled = false
  for (const s of order) {
    if (chosen.length >= maxSentences) break
    const text = chosen.length === 0 ? clauseCut(s.text, maxChars) : s.text
    const cost = text.length + (chosen.length > 0 ? 1 : 0)
    if (used + cost > maxChars) {
      if (fill && !filled && maxChars - used > 2) {
        chosen.push({ index: s.index, text: truncateWords(s.text, maxChars - used - 1) })
        filled = true
      }
      if (stopAtFirstMiss) break
      continue
    }
    chosen.push({ index: s.index, text })
    used += cost
  }
  return chosen.sort((a, b) => a.index - b.index).map((s) => s.text).join(' ')
}

/**
 * How the baselines (and our summarizer before issue 15) fit an over-long first sentence: the last ؛ or ، in the
 * second half of the budget, else a word, with an ellipsis. Kept so Lead stays the classic Lead.
 */
function clauseCut(sentence: string, maxChars: number): string {
  if (sentence.length <= maxChars) return sentence
  const head = sentence.slice(0, maxChars)
  for (const mark of [/[؛;]/g, /[،,]/g]) {
    let cut = -1
    for (const m of head.matchAll(mark)) cut = m.index
    if (cut >= maxChars * 0.5) return `${head.slice(0, cut).trimEnd()}…`
  }
  return truncateWords(sentence, maxChars)
}
