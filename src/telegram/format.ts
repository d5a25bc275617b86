const FSI = '\u2068'
const PDI = '\u2069'
const ARABIC = /[\u0600-\u06FF]/
const LATIN_RUN = /[A-Za-z][A-Za-z0-9]*(?:[ .,'&/:+-]+[A-Za-z0-9]+)*/g

export const TELEGRAM_TEXT_LIMIT = 4096

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** `text` cut to at most `max` characters, an ellipsis marking the cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

/** Wraps a string of the other direction so it cannot reorder the punctuation around it. */
export function isolate(text: string): string {
  return `${FSI}${text}${PDI}`
}

/** In Arabic text, Latin runs (MBC, The Voice, U.S.) are isolated so neighbouring digits and marks keep their place. */
export function bidiSafe(text: string): string {
  if (!ARABIC.test(text)) return text
  return text.replace(LATIN_RUN, (run) => isolate(run))
}

/** Escaped and bidi-safe: the only way article text should enter an HTML message. */
export function safe(text: string): string {
  return escapeHtml(bidiSafe(text))
}

/** Joins blocks into messages of at most `limit` characters, never splitting a block unless it alone is too long. */
export function packMessages(blocks: string[], separator = '\n\n', limit = TELEGRAM_TEXT_LIMIT): string[] {
  const messages: string[] = []
  let current = ''
  for (const block of blocks) {
    const next = current ? `${current}${separator}${block}` : block
    if (next.length <= limit) {
      current = next
      continue
    }
    if (current) messages.push(current)
    // A single block over the limit is plain text at this point only if the caller let it be; cut it hard.
    current = block.length <= limit ? block : block.slice(0, limit)
  }
  if (current) messages.push(current)
  return messages
}
