const OPENERS: Record<string, string> = { '«': '»', '“': '”', '"': '"', '(': ')' }
// ؛ and the ellipsis join clauses in Arabic news prose, so they do not end a sentence.
const TERMINATORS = new Set(['.', '!', '?', '؟'])

/**
 * Splits Arabic news text into sentences. Unlike Intl.Segmenter it never cuts inside «…», “…”, "…" or (…),
 * and it keeps 3.5, أ.ف.ب and "..." whole.
 */
export function splitSentences(text: string): string[] {
  const out: string[] = []
  for (const paragraph of text.split(/\n+/)) {
    let start = 0
    const stack: string[] = []
    for (let i = 0; i < paragraph.length; i++) {
      const ch = paragraph[i]!
      const top = stack[stack.length - 1]
      if (top !== undefined && ch === top) {
        stack.pop()
        continue
      }
      if (OPENERS[ch] && !(ch === '"' && top === '"')) {
        stack.push(OPENERS[ch]!)
        continue
      }
      if (stack.length > 0 || !TERMINATORS.has(ch)) continue
      let end = i + 1
      while (end < paragraph.length && TERMINATORS.has(paragraph[end]!)) end++
      if (ch === '.' && !endsSentence(paragraph, i, end)) {
        i = end - 1
        continue
      }
      pushTrimmed(out, paragraph.slice(start, end))
      start = end
      i = end - 1
    }
    // An unclosed quote must not swallow the rest: fall back to the whole remainder as one sentence.
    pushTrimmed(out, paragraph.slice(start))
  }
  return out
}

function endsSentence(text: string, dot: number, after: number): boolean {
  const prev = text[dot - 1] ?? ''
  const next = text[after] ?? ''
  if (after - dot >= 3) return false
  if (/\d/.test(prev) && /\d/.test(next)) return false
  // أ.ف.ب, U.S.: a single letter before the dot and a letter right after it.
  if (next !== '' && next !== ' ' && next !== '\n') return false
  const word = /(\S+)$/.exec(text.slice(0, dot))?.[1] ?? ''
  if (/^[\p{L}](\.[\p{L}])*$/u.test(word) && word.length <= 5) return false
  return true
}

function pushTrimmed(out: string[], sentence: string) {
  const s = sentence.trim()
  if (s) out.push(s)
}
