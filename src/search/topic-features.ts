import { analyze } from './analyzer.js'

/** How much of the body the classifier reads: the opening carries the topic, the tail carries boilerplate. */
export const BODY_WORDS = 350

/**
 * Title stems (marked t:) and body stems, as sparse term counts.
 * Shared by training and inference so the two can never drift apart.
 */
export function topicTerms(title: string, text: string): Map<string, number> {
  const counts = new Map<string, number>()
  const add = (term: string, weight: number) => counts.set(term, (counts.get(term) ?? 0) + weight)
  for (const stem of analyze(title)) add(`t:${stem}`, 1)
  const body = analyze(text).slice(0, BODY_WORDS)
  for (const stem of body) add(stem, 1)
  return counts
}
