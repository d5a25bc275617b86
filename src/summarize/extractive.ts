import { endsWhole, lastMark, startsDangling } from './quality.js'
import { fitSentence, fitWhole, splitSentences, truncateWords } from './sentences.js'
import { termIdsOfEach } from './terms.js'
import { tidyParagraphs } from './tidy.js'

export interface ExtractiveInput { title?: string, paragraphs: string[] }

export interface ExtractiveOptions {
  maxChars: number
  maxSentences?: number
  /** Use the room whole sentences leave for the head of the next pick, cut at a word (how ROUGE baselines are run). */
  fill?: boolean
  /** A first sentence with no clause to cut at may run to maxChars × flex rather than be cut mid-sentence. */
  flex?: number
  /** Pick the lead first (the default); false lets MMR choose from the start (kept for eval:summaries). */
  leadFirst?: boolean
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
  /** The lead is picked first (then MMR), so a more central second sentence cannot push it out. */
  leadFirst: true,
  flex: 1.5,
  /** Shorter sentences are datelines, captions and fragments. */
  minChars: 25,
  shortPenalty: 0.3,
}

/**
 * 0: a whole sentence. 1: usable once repaired (a line with no stop, a question, a trailing ellipsis).
 * 2: only when nothing else exists (ends on «:» or «،», or leaves a quotation open).
 */
type Grade = 0 | 1 | 2

interface Candidate { index: number, text: string, terms: Set<number>, score: number, grade: Grade, dangling?: boolean }

/** Computed for the few sentences a summary considers, not for all of them. */
function dangling(c: Candidate): boolean {
  return c.dangling ??= startsDangling(c.text)
}

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

/** Several budgets (short, long, digest line) from one ranking: splitting and scoring are most of the cost. */
export function extractiveSummaries(article: ExtractiveInput, budgets: ExtractiveOptions[]): string[] {
  const [first = '', ...rest] = tidyParagraphs(article.paragraphs)
  const sentences = splitSentences([stripDateline(first), ...rest].join('\n')).slice(0, MAX_SENTENCES_SCORED)
  const ranked = rankSentences(sentences, article.title, WEIGHTS)
  return budgets.map((budget) => {
    const summary = select(ranked, budget)
    if (summary) return summary
    // No sentence worth showing: the headline (or the least bad line) as a statement.
    const fallback = ranked.find((c) => c.grade < 2)?.text ?? tidyParagraphs([article.title ?? ''])[0] ?? ''
    return fallback ? fitSentence(asStatement(fallback), budget.maxChars, flexOf(budget)) : ''
  })
}

const flexOf = ({ maxChars, flex = WEIGHTS.flex }: ExtractiveOptions) => Math.round(maxChars * flex)

function select(ranked: Candidate[], budget: ExtractiveOptions): string {
  const { maxChars, maxSentences = Infinity, fill = false, leadFirst = WEIGHTS.leadFirst } = budget
  // Whole sentences only; repaired lines only when an article has no whole sentence.
  const best = ranked.some((c) => c.grade === 0) ? 0 : 1
  const pool = ranked.filter((c) => c.grade <= best)
  const chosen: { index: number, text: string }[] = []
  const picked: Candidate[] = []
  let used = 0
  let skipped: Candidate | undefined
  let unfit: Candidate | undefined
  // The lead carries the news («43 dead»): it goes first, shortened if need be, unless it only points back.
  let lead = leadFirst ? pool.find((c) => c.index < 3 && c.text.length >= WEIGHTS.minChars && !dangling(c)) : undefined
  while (pool.length > 0 && chosen.length < maxSentences && (chosen.length === 0 || maxChars - used >= WEIGHTS.minChars)) {
    const { next, overlap } = lead ? { next: lead, overlap: 0 } : nextByMmr(pool, picked, WEIGHTS.lambda)
    lead = undefined
    pool.splice(pool.indexOf(next), 1)
    if (overlap > WEIGHTS.maxOverlap) continue
    // «وأضاف…», «وقال: …» or «وجاء هذا…» needs the sentence it points back to right before it.
    if (!chosen.some((c) => c.index === next.index - 1) && dangling(next)) continue
    // The best sentence alone being too long is common in news leads: cut it at a clause rather than skip it.
    const text = chosen.length === 0 && next.text.length > maxChars ? fitWhole(next.text, maxChars, flexOf(budget)) : next.text
    if (text === undefined) {
      // No clause to cut at: another sentence rather than one cut mid-way.
      unfit ??= next
      continue
    }
    if (chosen.length > 0 && used + text.length + 1 > maxChars) {
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
  if (chosen.length === 0 && unfit) chosen.push({ index: unfit.index, text: fitSentence(unfit.text, maxChars, flexOf(budget)) })
  chosen.sort((a, b) => a.index - b.index)
  return chosen.map((c) => c.text).join(' ')
}

/** A line as a statement: a trailing ellipsis or clause mark becomes a full stop, a missing stop is added. */
function asStatement(text: string): string {
  const bare = text.replace(/(?:\s*(?:\.{2,}|…|[،,:؛;-]))+$/u, '')
  return endsWhole(bare) ? bare : `${bare}.`
}

function grade(text: string): Grade {
  if (/[«»()]/.test(text) && (count(text, '«') !== count(text, '»') || count(text, '(') !== count(text, ')'))) return 2
  const last = lastMark(text)
  if (last === ':' || last === '،' || last === ',' || last === '؛') return 2
  // «2.», «10 - .»: list numbering and stray fragments say nothing on their own.
  if (text.length < 40 && (text.match(/\p{L}{2,}/gu)?.length ?? 0) < 3) return 1
  return endsWhole(text) && last !== '?' && last !== '؟' ? 0 : 1
}

const ENUMERATOR = /^\d{1,2}[.)-]$/

function count(text: string, ch: string): number {
  let n = 0
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) n++
  return n
}

function rankSentences(sentences: string[], title: string | undefined, w: typeof WEIGHTS): Candidate[] {
  // One call: term ids are comparable only within it.
  const ids = termIdsOfEach([...sentences, title ?? ''])
  const titleTerms = new Set(ids.pop())
  const termSets = ids.map((terms) => new Set(terms))
  const spread = new Map<number, number>()
  for (const terms of termSets) for (const t of terms) spread.set(t, (spread.get(t) ?? 0) + 1)
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
    // «2.» then «لعبة «هيدز أب!» Heads Up!»: a numbered list's item, complete only as part of the list.
    const g = index > 0 && ENUMERATOR.test(sentences[index - 1]!) ? Math.max(1, grade(text)) as Grade : grade(text)
    return { index, text: g === 1 ? asStatement(text) : text, terms: termSets[index]!, score, grade: g }
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

function jaccard(a: Set<number>, b: Set<number>): number {
  if (a.size === 0 || b.size === 0) return 0
  let both = 0
  for (const t of a) if (b.has(t)) both++
  return both / (a.size + b.size - both)
}
