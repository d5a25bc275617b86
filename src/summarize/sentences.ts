const OPENERS: Record<string, string> = { '«': '»', '“': '”', '"': '"', '(': ')' }
// ؛ and the ellipsis join clauses in Arabic news prose, so they do not end a sentence (see splitLong for their use).
const TERMINATORS = new Set(['.', '!', '?', '؟'])
/** A quotation longer than this is speech, not a phrase: its own sentences may be split. */
const MAX_QUOTE_CHARS = 400
const SPECIAL = /[«»“”"().!?؟]/g

/**
 * Splits Arabic news text into sentences. Unlike Intl.Segmenter it never cuts inside «…», “…”, "…" or (…),
 * and it keeps 3.5, أ.ف.ب and "..." whole. An unclosed or very long quotation does not swallow the paragraph.
 */
export function splitSentences(text: string): string[] {
  const out: string[] = []
  for (const paragraph of text.split(/\n+/)) {
    for (const sentence of splitParagraph(paragraph, true)) out.push(sentence)
  }
  return out
}

function splitParagraph(paragraph: string, honourQuotes: boolean): string[] {
  const out: string[] = []
  let start = 0
  const stack: { close: string, at: number }[] = []
  for (let i = 0; i < paragraph.length; i++) {
    // Jump to the next quote, bracket or stop: most characters cannot change anything.
    SPECIAL.lastIndex = i
    const found = SPECIAL.exec(paragraph)
    if (!found) break
    i = found.index
    const ch = found[0]
    const top = stack[stack.length - 1]
    if (top !== undefined && ch === top.close) {
      stack.pop()
      continue
    }
    if (honourQuotes && OPENERS[ch] && !(ch === '"' && top?.close === '"')) {
      stack.push({ close: OPENERS[ch]!, at: i })
      continue
    }
    if (!TERMINATORS.has(ch)) continue
    if (stack.length > 0 && i - stack[0]!.at < MAX_QUOTE_CHARS) continue
    let end = i + 1
    while (end < paragraph.length && TERMINATORS.has(paragraph[end]!)) end++
    if (ch === '.' && !endsSentence(paragraph, i, end)) {
      i = end - 1
      continue
    }
    // A closing quote or bracket right after the stop belongs to this sentence.
    while (end < paragraph.length && /[»”")\]]/.test(paragraph[end]!)) {
      if (stack[stack.length - 1]?.close === paragraph[end]) stack.pop()
      end++
    }
    pushTrimmed(out, paragraph.slice(start, end))
    start = end
    i = end - 1
  }
  const rest = paragraph.slice(start)
  // An unclosed quote (a typo, or a quote running over several paragraphs) must not glue sentences together.
  if (stack.length > 0 && honourQuotes) out.push(...splitParagraph(rest, false))
  else pushTrimmed(out, rest)
  return out
}

function endsSentence(text: string, dot: number, after: number): boolean {
  const prev = text[dot - 1] ?? ''
  const next = text[after] ?? ''
  if (after - dot >= 3) return next === '' // "..." trails off mid-sentence unless it closes the paragraph
  if (/\d/.test(prev) && /\d/.test(next)) return false
  // أ.ف.ب, U.S., 3.5: a dot with a letter or digit right after it is inside a token.
  if (next !== '' && !/[\s»”")\]]/.test(next)) return false
  let from = dot
  while (from > 0 && !/\s/.test(text[from - 1]!)) from--
  const word = text.slice(from, dot)
  // Dotted abbreviations (أ.ف.ب.) and Latin initials (J. Smith); a lone Arabic letter such as م (AD) ends sentences.
  if (/^[\p{L}](\.[\p{L}])+$/u.test(word)) return false
  if (/^[A-Z]$/.test(word)) return false
  return true
}

function pushTrimmed(out: string[], sentence: string) {
  const s = sentence.trim()
  if (s) out.push(s)
}

/**
 * Cuts a sentence that alone exceeds maxChars at the last clause boundary (؛ then ، or ,) that fits,
 * else at a word boundary with an ellipsis. Text with no punctuation at all still gets a readable head.
 */
export function fitSentence(sentence: string, maxChars: number): string {
  if (sentence.length <= maxChars) return sentence
  const head = sentence.slice(0, maxChars)
  for (const mark of [/[؛;]/g, /[،,]/g]) {
    let cut = -1
    for (const m of head.matchAll(mark)) cut = m.index
    if (cut >= maxChars * 0.5) return `${head.slice(0, cut).trimEnd()}…`
  }
  return truncateWords(sentence, maxChars)
}

export function truncateWords(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text
  const cut = text.slice(0, maxChars - 1)
  // The cut may already end at a word boundary; otherwise back up to the last space.
  const space = /\s/.test(text[maxChars - 1] ?? '') ? cut.length : cut.lastIndexOf(' ')
  return `${(space > maxChars / 2 ? cut.slice(0, space) : cut).trimEnd()}…`
}
