const BOM = /^\uFEFF/
const ODD_SPACES = /[\u00A0\u2007\u202F\u2000-\u200A\u3000]/g
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g

/** Decodes bytes as UTF-8, or says why they are not text. */
export function decodeText(bytes: Uint8Array): { text: string } | { error: string } {
  if (bytes.includes(0)) return { error: 'binary file (contains NUL bytes)' }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) }
  }
  catch {
    return { error: 'not UTF-8 text' }
  }
}

/** One physical line per entry: BOM gone, CRLF/CR as LF, odd spaces as plain spaces, each line trimmed. */
export function cleanLines(text: string): string[] {
  return text
    .replace(BOM, '')
    .replace(/\r\n?/g, '\n')
    .replace(ODD_SPACES, ' ')
    .replace(CONTROL, '')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
}

const DIGIT = '[0-9\\u0660-\\u0669\\u06F0-\\u06F9]'
/** LRM, RLM, ALM, embeddings, overrides and isolates: invisible, and they reorder what is around them. */
const MARK = '[\\u200E\\u200F\\u061C\\u202A-\\u202E\\u2066-\\u2069]'
const NUMBER_SEPARATOR = '[.,/:\\u066B\\u066C]'
/**
 * The paper stores numbers as they were laid out right to left: «5.‏7» is 7.5 on its page, because the mark after
 * the point splits the number in two and the bidi algorithm shows the later part first. Reversing the parts gives
 * the number the page showed (gold «50.‏1104 دولار» is 1104.50, a date «1/‏1/‏2018» is 2018/1/1).
 */
const VISUAL_NUMBER = new RegExp(`${DIGIT}+(?:${NUMBER_SEPARATOR}[\\u200E\\u200F\\u061C]+${DIGIT}+)+`, 'g')
/** Any other mark between the parts of a number («5+\u202C1», «80\u200E%») only hides; it goes. */
const MARK_IN_NUMBER = new RegExp(`(?<=${DIGIT}[.,/:+%\\u066B\\u066C-]?)${MARK}+(?=[.,/:+%\\u066B\\u066C-]?${DIGIT}|%)`, 'g')
/** «...المزيد» / «…المزيد»: the page's "read more" link. */
const MORE_TRAILER = /\s*(?:\.{2,}|…)\s*المزيد\s*$/
/** List bullets at the start: the paper's `* `, `•`, `⬛`…; `<`/`>` only as a marker followed by a space. Dialogue dashes stay. */
const LEADING_BULLET = new RegExp(`^(${MARK}*)(?:[*•●▪■◾◼⬛►▶➤·]+|[<>]+(?=\\s))\\s*`, 'u')
/** The paper's {…} quotation marks, within one paragraph. */
const BRACE_QUOTE = /\{([^{}\n]*)\}/g
/** It also pairs a brace with «» («{من عدن سنستعيد اليمن…»): a lone brace at a word's start opens, at its end closes. */
const BRACE_OPENING = /(?<=^|[^\p{L}\p{N}]|\u0640)[{}](?=[\p{L}\p{N}«(])/gu
const BRACE_CLOSING = /(?<=[^\s{}])[{}](?![\p{L}\p{N}])/gu
/** «{…» typed twice over: the guillemet already says it. */
const BRACE_BESIDE_GUILLEMET = /«[{}]|[{}]»/g
const ARABIC_LETTER = '[\\u0620-\\u064A\\u066E-\\u06D3\\u06FA-\\u06FF]'
/** A Latin comma between Arabic words (quotes or a bracket may sit between): written «،» in Arabic. */
const LATIN_COMMA = new RegExp(`(?<=${ARABIC_LETTER}[\\u064B-\\u0652]*[»"”)]?)[ \\t\\u00A0]*,[ \\t\\u00A0]*(?=[«"“(]?${ARABIC_LETTER})`, 'g')
/** Runs of two or more spaces of any kind, and any single space that is not a plain one. */
const SPACES = /[ \t\u00A0\u2000-\u200A\u202F\u205F\u3000]{2,}|[\t\u00A0\u2000-\u200A\u202F\u205F\u3000]/g
const ANY_MARK = new RegExp(MARK)
/** One scan that finds every line that might need a rule; most lines need none and are only trimmed. */
const MAYBE_DEBRIS = new RegExp(`${MARK}|[\\t\\u00A0\\u2000-\\u200A\\u202F\\u205F\\u3000{},]|  |المزيد|^\\s*[*•●▪■◾◼⬛►▶➤·<>]`)

/**
 * Page debris out of one headline, caption or paragraph, as the reader should have seen it; nothing else changes.
 * May return '' (a paragraph that was only a «المزيد» link or a bullet). Each rule runs only when a cheap test says
 * it may apply: ingest cleans every paragraph of every corpus.
 */
export function cleanText(text: string): string {
  if (!MAYBE_DEBRIS.test(text)) return text.trim()
  let out = text.replace(SPACES, ' ')
  if (ANY_MARK.test(out)) out = out.replace(VISUAL_NUMBER, reverseNumberParts).replace(MARK_IN_NUMBER, '')
  if (out.includes('المزيد')) out = out.replace(MORE_TRAILER, '')
  out = out.trim().replace(LEADING_BULLET, '$1')
  if (/[{}]/.test(out)) out = bracesAsGuillemets(out)
  if (out.includes(',')) out = out.replace(LATIN_COMMA, '، ')
  return out.replace(SPACES, ' ').trim()
}

/** Each paragraph cleaned; those left empty are dropped. */
export function cleanParagraphs(paragraphs: readonly string[]): string[] {
  return paragraphs.map(cleanText).filter((p) => p !== '')
}

function bracesAsGuillemets(text: string): string {
  return text
    .replace(BRACE_BESIDE_GUILLEMET, (m) => m.replace(/[{}]/, ''))
    .replace(BRACE_QUOTE, '«$1»')
    .replace(BRACE_OPENING, '«')
    .replace(BRACE_CLOSING, '»')
}

function reverseNumberParts(run: string): string {
  const parts = run.split(/[\u200E\u200F\u061C]+/)
  // ["5.", "7"] → numbers ["7", "5"], separators ["."]: the order the page showed them in, 7.5.
  const separators = parts.slice(0, -1).map((p) => p.slice(-1)).reverse()
  const numbers = parts.map((p, i) => (i < parts.length - 1 ? p.slice(0, -1) : p)).reverse()
  return numbers.map((n, i) => n + (separators[i] ?? '')).join('')
}
