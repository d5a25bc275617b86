import { tokenize } from '../../src/articles/normalize.js'

export interface RougeScores { r1: number, r2: number, rl: number }

/**
 * ROUGE-1, ROUGE-2 and ROUGE-L F1 over normalised Unicode words, so Arabic counts (the usual packages keep
 * only [a-z0-9] and score Arabic 0). No stemming and no stopword removal: the figures compare with plain ROUGE.
 */
export function rouge(candidate: string, reference: string): RougeScores {
  const c = tokenize(candidate)
  const r = tokenize(reference)
  return { r1: ngramF1(c, r, 1), r2: ngramF1(c, r, 2), rl: lcsF1(c, r) }
}

/** Mean of the scores against each reference, as EASC's five summaries are used. */
export function rougeMulti(candidate: string, references: string[]): RougeScores {
  const all = references.map((ref) => rouge(candidate, ref))
  return meanScores(all)
}

export function meanScores(all: RougeScores[]): RougeScores {
  const n = Math.max(all.length, 1)
  const sum = (key: keyof RougeScores) => all.reduce((s, x) => s + x[key], 0) / n
  return { r1: sum('r1'), r2: sum('r2'), rl: sum('rl') }
}

function f1(overlap: number, candidateCount: number, referenceCount: number): number {
  if (overlap === 0 || candidateCount === 0 || referenceCount === 0) return 0
  const p = overlap / candidateCount
  const r = overlap / referenceCount
  return (2 * p * r) / (p + r)
}

function ngramCounts(tokens: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>()
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join(' ')
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return counts
}

function ngramF1(c: string[], r: string[], n: number): number {
  const cc = ngramCounts(c, n)
  const rc = ngramCounts(r, n)
  let overlap = 0
  for (const [gram, count] of cc) overlap += Math.min(count, rc.get(gram) ?? 0)
  return f1(overlap, Math.max(c.length - n + 1, 0), Math.max(r.length - n + 1, 0))
}

/** Summary-level LCS over the whole token sequences, two rows of the DP table at a time. */
function lcsF1(c: string[], r: string[]): number {
  let prev = new Uint32Array(r.length + 1)
  let row = new Uint32Array(r.length + 1)
  for (const word of c) {
    for (let j = 1; j <= r.length; j++) row[j] = word === r[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, row[j - 1]!)
    ;[prev, row] = [row, prev]
  }
  return f1(prev[r.length]!, c.length, r.length)
}
