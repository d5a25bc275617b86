import { constants } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'

/** A file the ingester will not read; the message is the reason, for one log line. */
export class RefusedFile extends Error {}

const CHUNK = 64 * 1024
const NEWLINE = 0x0a

/**
 * Opens a regular file for reading. With `followLinks` off the open itself refuses a symbolic link
 * (O_NOFOLLOW), so a file swapped for a link after it was listed is refused too. O_NONBLOCK keeps a
 * named pipe from blocking the open; it is then refused as not a regular file.
 */
export async function openRegular(file: string, { followLinks }: { followLinks: boolean }): Promise<{ handle: FileHandle, size: number }> {
  const flags = constants.O_RDONLY | constants.O_NONBLOCK | (followLinks ? 0 : constants.O_NOFOLLOW)
  let handle: FileHandle
  try {
    handle = await open(file, flags)
  }
  catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOOP') throw new RefusedFile('a symbolic link; not followed (seeds must be regular files)')
    throw err
  }
  const info = await handle.stat()
  if (!info.isFile()) {
    await handle.close()
    throw new RefusedFile('not a regular file')
  }
  return { handle, size: info.size }
}

/**
 * Reads a whole (small) file, refusing it as soon as it passes `maxBytes` (it may still be growing) or a line
 * passes `maxLineBytes`: memory never holds more than the limit, however large the file or its lines.
 */
export async function readCapped(handle: FileHandle, { maxBytes, maxLineBytes }: { maxBytes: number, maxLineBytes: number }): Promise<Buffer> {
  const chunks: Buffer[] = []
  let total = 0
  let lineBytes = 0
  let line = 1
  for (;;) {
    const buffer = Buffer.allocUnsafe(CHUNK)
    const { bytesRead } = await handle.read(buffer, 0, CHUNK, null)
    if (bytesRead === 0) break
    const chunk = buffer.subarray(0, bytesRead)
    total += bytesRead
    if (total > maxBytes) throw new RefusedFile(`grew past the ${(maxBytes / 1e6).toFixed(0)} MB limit (SEED_MAX_MB) while being read; file skipped`)
    for (let from = 0; ;) {
      const at = chunk.indexOf(NEWLINE, from)
      lineBytes += (at === -1 ? chunk.length : at) - from
      if (lineBytes > maxLineBytes) throw new RefusedFile(`line ${line} is ${tooLong(maxLineBytes)}; file skipped`)
      if (at === -1) break
      lineBytes = 0
      line++
      from = at + 1
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks, total)
}

export const tooLong = (maxLineBytes: number) => `longer than ${Math.round(maxLineBytes / 1024)} KB (SEED_MAX_LINE_KB)`

export type LimitedLine = { line: number, text: string } | { line: number, tooLong: true }

/**
 * Splits a byte stream into lines without ever holding more than `maxLineBytes` of one: a longer line is
 * dropped as it streams past and reported once, then reading goes on at the next line.
 */
export async function* limitedLines(input: AsyncIterable<Buffer>, maxLineBytes: number): AsyncGenerator<LimitedLine> {
  let parts: Buffer[] = []
  let length = 0
  let dropping = false
  let line = 0
  const finish = (): LimitedLine => {
    line++
    if (dropping) return { line, tooLong: true }
    const text = Buffer.concat(parts, length).toString('utf8')
    return { line, text: text.endsWith('\r') ? text.slice(0, -1) : text }
  }
  for await (const chunk of input) {
    let from = 0
    while (from <= chunk.length) {
      const at = chunk.indexOf(NEWLINE, from)
      const end = at === -1 ? chunk.length : at
      if (!dropping) {
        length += end - from
        if (length > maxLineBytes) {
          dropping = true
          parts = []
        }
        else if (end > from) parts.push(chunk.subarray(from, end))
      }
      if (at === -1) break
      yield finish()
      parts = []
      length = 0
      dropping = false
      from = at + 1
    }
  }
  if (length > 0 || dropping) yield finish()
}
