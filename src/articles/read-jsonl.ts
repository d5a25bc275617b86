import { createGunzip } from 'node:zlib'
import { limitedLines, openRegular, RefusedFile, tooLong } from './read-limited.js'

export interface JsonlProgress { lines: number, bytesRead: number, totalBytes: number }

export interface ReadJsonlOptions {
  /** A longer line is skipped (and reported) as it streams past, never held whole. */
  maxLineBytes?: number
  /** Off for files from SEEDS_DIR: a symbolic link is refused when opened (RefusedFile). */
  followLinks?: boolean
  /** A larger file (as stored) is refused before a line is read (RefusedFile). */
  maxBytes?: number
}

/**
 * Streams a JSONL(.gz) file record by record, so a large corpus never sits in memory whole.
 * A line that is not a JSON object, or is too long, is reported and skipped; the rest is read.
 */
export async function* readJsonl(
  file: string,
  onBadLine: (line: number, why: string) => void,
  { maxLineBytes = Infinity, followLinks = true, maxBytes = Infinity }: ReadJsonlOptions = {},
): AsyncGenerator<{ record: Record<string, unknown>, line: number, progress: JsonlProgress }> {
  const { handle, size } = await openRegular(file, { followLinks })
  if (size > maxBytes) {
    await handle.close()
    throw new RefusedFile(`${(size / 1e6).toFixed(1)} MB is over the ${(maxBytes / 1e6).toFixed(0)} MB limit (SEED_MAX_MB); file skipped (npm run ingest reads a corpus of any size)`)
  }
  const raw = handle.createReadStream()
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw
  const progress: JsonlProgress = { lines: 0, bytesRead: 0, totalBytes: size }
  raw.on('data', (chunk) => { progress.bytesRead += chunk.length })
  // A broken .gz fails the gunzip stream, which the loop below then throws.
  if (input !== raw) raw.on('error', (err) => input.destroy(err))
  try {
    for await (const item of limitedLines(input, maxLineBytes)) {
      progress.lines = item.line
      if ('tooLong' in item) {
        onBadLine(item.line, `${tooLong(maxLineBytes)}; line skipped`)
        continue
      }
      const trimmed = item.text.replace(/^\uFEFF/, '').trim()
      if (trimmed === '') continue
      let record: unknown
      try {
        record = JSON.parse(trimmed)
      }
      catch {
        onBadLine(item.line, 'not valid JSON; line skipped')
        continue
      }
      if (record === null || typeof record !== 'object' || Array.isArray(record)) {
        onBadLine(item.line, 'not a JSON object; line skipped')
        continue
      }
      yield { record: record as Record<string, unknown>, line: item.line, progress }
    }
  }
  finally {
    raw.destroy()
    input.destroy()
    await handle.close().catch(() => {})
  }
}
