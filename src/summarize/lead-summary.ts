import { splitSentences } from './sentences.js'

const MIN_SENTENCE_CHARS = 25

/**
 * Summary v0: the first meaningful sentence or two, within maxChars.
 * A sentence that alone is too long is cut at a word boundary with an ellipsis.
 */
export function leadSummary(paragraphs: string[], maxChars = 280): string {
  const sentences = splitSentences(paragraphs.join('\n')).filter((s) => s.length >= MIN_SENTENCE_CHARS)
  const [first, second] = sentences
  if (!first) return truncateWords(paragraphs.join(' ').trim(), maxChars)
  if (first.length > maxChars) return truncateWords(first, maxChars)
  if (second && first.length + 1 + second.length <= maxChars) return `${first} ${second}`
  return first
}

export function truncateWords(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text
  const cut = text.slice(0, maxChars - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > maxChars / 2 ? cut.slice(0, space) : cut).trimEnd()}…`
}
