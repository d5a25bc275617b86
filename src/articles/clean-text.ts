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
