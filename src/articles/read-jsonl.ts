import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { createGunzip } from 'node:zlib'

export interface JsonlProgress { lines: number, bytesRead: number, totalBytes: number }

/**
 * Streams a JSONL(.gz) file record by record, so a large corpus never sits in memory whole.
 * A line that is not a JSON object is reported and skipped; the rest is read.
 */
export async function* readJsonl(
  file: string,
  onBadLine: (line: number, why: string) => void,
): AsyncGenerator<{ record: Record<string, unknown>, line: number, progress: JsonlProgress }> {
  const totalBytes = (await stat(file)).size
  const raw = createReadStream(file)
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw
  const progress: JsonlProgress = { lines: 0, bytesRead: 0, totalBytes }
  raw.on('data', (chunk) => { progress.bytesRead += chunk.length })
  const gunzipFailed = new Promise<never>((_, reject) => input.on('error', reject))
  gunzipFailed.catch(() => {})
  const lines = createInterface({ input, crlfDelay: Infinity })
  try {
    for await (const text of lines) {
      progress.lines++
      const trimmed = text.replace(/^\uFEFF/, '').trim()
      if (trimmed === '') continue
      let record: unknown
      try {
        record = JSON.parse(trimmed)
      }
      catch {
        onBadLine(progress.lines, 'not valid JSON; line skipped')
        continue
      }
      if (record === null || typeof record !== 'object' || Array.isArray(record)) {
        onBadLine(progress.lines, 'not a JSON object; line skipped')
        continue
      }
      yield { record: record as Record<string, unknown>, line: progress.lines, progress }
    }
  }
  finally {
    raw.destroy()
  }
}
