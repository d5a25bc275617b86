import { analyze } from './analyzer.js'

/** How much of the body the classifier reads; 120 and 350 words scored lower leave-one-source-out than 1000. */
export const BODY_WORDS = 1000

/**
 * Title stems (marked t:, and counted in the body too), adjacent title stem pairs, and body stems, as sparse counts.
 * Shared by training and inference so the two can never drift apart.
 */
export function topicTerms(title: string, text: string): Map<string, number> {
  const counts = new Map<string, number>()
  const add = (term: string, weight: number) => counts.set(term, (counts.get(term) ?? 0) + weight)
  const titleStems = words(title)
  for (const stem of titleStems) {
    add(`t:${stem}`, 1)
    add(stem, 1)
  }
  for (let i = 1; i < titleStems.length; i++) add(`t:${titleStems[i - 1]}_${titleStems[i]}`, 1)
  const body = words(text).slice(0, BODY_WORDS)
  for (const stem of body) add(stem, 1)
  return counts
}

/** Stems without bare numbers: a score, a date or a bulletin number says little about the topic on its own. */
function words(text: string): string[] {
  return analyze(text).filter((stem) => !NUMBER.test(stem))
}

const NUMBER = /^\d+$/
