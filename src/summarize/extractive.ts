import { fitSentence, splitSentences, truncateWords } from './sentences.js'
import { contentTerms, contentTermsOfEach } from './terms.js'

export interface ExtractiveInput { title?: string, paragraphs: string[] }

export interface ExtractiveOptions {
  maxChars: number
  maxSentences?: number
  /** Use the room whole sentences leave for the head of the next pick, cut at a word (how ROUGE baselines are run). */
  fill?: boolean
}

/**
 * Tuned by grid on EASC and ANT-CNN (npm run eval:summaries). The optimum is flat (±0.005 ROUGE-1 around it) and
 * a two-fold split picks the same region, so these are not fitted to noise. Position dominates: news leads with the news.
 */
const WEIGHTS = {
  position: 1,
  positionDecay: 0.1,
  centrality: 0.2,
  /** Centrality is divided by (content terms)^lengthNorm, so long sentences do not win on size alone. */
  lengthNorm: 0.3,
  title: 0.15,
  lambda: 0.75,
  /** A sentence sharing more than this share (Jaccard) of its content terms with a chosen one is a repeat: dropped. */
  maxOverlap: 0.5,
  /** Shorter sentences are datelines, captions and fragments. */
  minChars: 25,
  shortPenalty: 0.3,
}

interface Candidate { index: number, text: string, terms: Set<string>, score: number }

/** Never looks at more sentences than this: a 1 MB article costs the same as a long one. */
const MAX_SENTENCES_SCORED = 400

/**
 * Extractive summary: sentences scored by lead position, centrality (how many of the article's recurring
 * terms a sentence covers) and overlap with the headline; picked greedily with MMR so a second sentence
 * repeating the first is skipped; returned in article order within maxChars.
 */
export function extractiveSummary(article: ExtractiveInput, options: ExtractiveOptions): string {
  return extractiveSummaries(article, [options])[0]!
}

/** Several budgets (short and long) from one ranking: splitting and scoring are most of the cost. */
export function extractiveSummaries(article: ExtractiveInput, budgets: ExtractiveOptions[]): string[] {
  const [first = '', ...rest] = article.paragraphs
  const sentences = splitSentences([stripDateline(first), ...rest].join('\n')).slice(0, MAX_SENTENCES_SCORED)
  if (sentences.length === 0) return budgets.map(({ maxChars }) => fitSentence((article.title ?? '').trim(), maxChars))
  const ranked = rankSentences(sentences, article.title, WEIGHTS)
  return budgets.map((budget) => select([...ranked], budget))
}

function select(pool: Candidate[], { maxChars, maxSentences = Infinity, fill = false }: ExtractiveOptions): string {
  const chosen: { index: number, text: string }[] = []
  const picked: Candidate[] = []
  let used = 0
  let skipped: Candidate | undefined
  while (pool.length > 0 && chosen.length < maxSentences && (chosen.length === 0 || maxChars - used >= WEIGHTS.minChars)) {
    const { next, overlap } = nextByMmr(pool, picked, WEIGHTS.lambda)
    pool.splice(pool.indexOf(next), 1)
    if (overlap > WEIGHTS.maxOverlap) continue
    // The best sentence alone being too long is common in news leads: cut it at a clause rather than skip it.
    const text = chosen.length === 0 && next.text.length > maxChars ? fitSentence(next.text, maxChars) : next.text
    if (used + text.length + (chosen.length > 0 ? 1 : 0) > maxChars) {
      // Filling: the first pick that does not fit gives its head to the remaining room, as Lead does.
      if (fill) {
        skipped = next
        break
      }
      continue
    }
    chosen.push({ index: next.index, text })
    picked.push(next)
    used += text.length + (chosen.length > 1 ? 1 : 0)
  }
  if (skipped && chosen.length < maxSentences && maxChars - used > 2) {
    chosen.push({ index: skipped.index, text: truncateWords(skipped.text, maxChars - used - 1) })
  }
  return chosen.sort((a, b) => a.index - b.index).map((c) => c.text).join(' ')
}

function rankSentences(sentences: string[], title: string | undefined, w: typeof WEIGHTS): Candidate[] {
  const termSets = contentTermsOfEach(sentences).map((terms) => new Set(terms))
  const spread = new Map<string, number>()
  for (const terms of termSets) for (const t of terms) spread.set(t, (spread.get(t) ?? 0) + 1)
  const titleTerms = new Set(title ? contentTerms(title) : [])
  const raw = termSets.map((terms) => {
    let central = 0
    let inTitle = 0
    for (const t of terms) {
      central += (spread.get(t)! - 1)
      if (titleTerms.has(t)) inTitle++
    }
    return { central: terms.size > 0 ? central / terms.size ** w.lengthNorm : 0, inTitle: titleTerms.size > 0 ? inTitle / titleTerms.size : 0 }
  })
  const maxCentral = Math.max(...raw.map((r) => r.central), 1e-9)
  return sentences.map((text, index) => {
    const { central, inTitle } = raw[index]!
    const position = 1 / (1 + w.positionDecay * index)
    const shape = text.length < w.minChars ? w.shortPenalty : 1
    const score = shape * (w.position * position + w.centrality * (central / maxCentral) + w.title * inTitle)
    return { index, text, terms: termSets[index]!, score }
  })
}

/** "دبي، الإمارات العربية المتحدة (CNN)-- " or "لندن - (رويترز): " opens a wire story; it is not news. */
const DATELINE = /^[^.!?؟\n«"]{0,60}\([^()\n]{1,20}\)\s*(?:[-–—]+|:)\s*/u

export function stripDateline(paragraph: string): string {
  const match = DATELINE.exec(paragraph)
  return match && match[0].length < paragraph.length / 2 ? paragraph.slice(match[0].length) : paragraph
}

/** Maximal marginal relevance: the best score once similarity to what is already chosen is paid for. */
function nextByMmr(pool: Candidate[], chosen: Candidate[], lambda: number): { next: Candidate, overlap: number } {
  let best = { next: pool[0]!, overlap: 0 }
  let bestValue = -Infinity
  for (const c of pool) {
    let overlap = 0
    for (const s of chosen) overlap = Math.max(overlap, jaccard(c.terms, s.terms))
    const value = lambda * c.score - (1 - lambda) * overlap
    if (value > bestValue) {
      bestValue = value
      best = { next: c, overlap }
    }
  }
  return best
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0
  let both = 0
  for (const t of a) if (b.has(t)) both++
  return both / (a.size + b.size - both)
}
