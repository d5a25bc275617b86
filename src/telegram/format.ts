const FSI = '\u2068'
const PDI = '\u2069'
const ARABIC = /[\u0600-\u06FF]/
const LATIN = /[A-Za-z]/
const LATIN_RUN = /[A-Za-z][A-Za-z0-9]*(?:[ .,'&/:+-]+[A-Za-z0-9]+)*/g

export const TELEGRAM_TEXT_LIMIT = 4096

const HTML_SPECIAL = /[&<>"]/
const HTML_SPECIALS = /[&<>"]/g
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }
const entity = (c: string) => ENTITIES[c]!

/** One pass, and none at all for text with nothing to escape (most headlines and summaries). */
export function escapeHtml(text: string): string {
  return HTML_SPECIAL.test(text) ? text.replace(HTML_SPECIALS, entity) : text
}

/** `text` cut to at most `max` characters, an ellipsis marking the cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

/** Words a shortened headline should not end on: «…يعلن عن…» says less than «…يعلن…». */
const DANGLING = /\s+(?:في|من|عن|على|إلى|الى|مع|و|أو|ثم|بعد|قبل|بين|حول|ضد|لدى|منذ|خلال|عبر|of|in|on|at|to|for|and|or|the|a|with|from)$/iu

/** `text` shortened to at most `max` characters at a word boundary («ولبنان يؤوي…», never «يؤوي عائ…»). */
export function shortenAtWord(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= max) return flat
  const cut = flat.slice(0, max)
  const space = cut.lastIndexOf(' ')
  // A single word longer than the whole budget can only be cut inside.
  let head = space > max / 3 ? cut.slice(0, space) : cut.slice(0, max - 1)
  while (DANGLING.test(head)) head = head.replace(DANGLING, '')
  return `${head.replace(/[\s،,;؛:.\-–—«"(]+$/u, '')}…`
}

/** Wraps a string of the other direction so it cannot reorder the punctuation around it. */
export function isolate(text: string): string {
  return `${FSI}${text}${PDI}`
}

/** In Arabic text, Latin runs (MBC, The Voice, U.S.) are isolated so neighbouring digits and marks keep their place. */
export function bidiSafe(text: string): string {
  if (!LATIN.test(text) || !ARABIC.test(text)) return text
  return text.replace(LATIN_RUN, isolate)
}

/** Escaped and bidi-safe: the only way article text should enter an HTML message. */
export function safe(text: string): string {
  return escapeHtml(bidiSafe(text))
}

/** Joins blocks into messages of at most `limit` characters, never splitting a block unless it alone is too long. */
export function packMessages(blocks: string[], separator = '\n\n', limit = TELEGRAM_TEXT_LIMIT): string[] {
  return packBlocks(blocks, separator, limit).map((m) => m.text)
}

/** packMessages, also saying which blocks (by index) each message holds, so each can carry its own buttons. */
export function packBlocks(blocks: string[], separator = '\n\n', limit = TELEGRAM_TEXT_LIMIT): { text: string, blocks: number[] }[] {
  const messages: { text: string, blocks: number[] }[] = []
  let current: { text: string, blocks: number[] } | undefined
  blocks.forEach((block, i) => {
    const next = current ? `${current.text}${separator}${block}` : block
    if (current && next.length <= limit) {
      current.text = next
      current.blocks.push(i)
      return
    }
    if (current) messages.push(current)
    // A single block over the limit is plain text at this point only if the caller let it be; cut it hard.
    current = { text: block.length <= limit ? block : block.slice(0, limit), blocks: [i] }
  })
  if (current) messages.push(current)
  return messages
}
