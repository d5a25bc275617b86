import type { IncomingMessage } from 'node:http'
import { pipeline, type Readable } from 'node:stream'
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib'
import { FetchProblem, networkProblem } from './fetch-problem.js'

const describeBytes = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`)

const DECODERS: Record<string, () => NodeJS.ReadWriteStream> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
}

/**
 * The body, decompressed, stopping as soon as it passes maxBytes: the cap counts what comes out of the
 * decompressor, so a small gzip bomb is cut off like a large page.
 */
export async function readBody(response: IncomingMessage, maxBytes: number, timedOut: () => FetchProblem | undefined): Promise<Uint8Array> {
  const limit = `the ${describeBytes(maxBytes)} limit (FEED_MAX_KB)`
  const declared = Number(response.headers['content-length'] ?? NaN)
  if (declared > maxBytes) {
    response.destroy()
    throw new FetchProblem(`too large: response is ${describeBytes(declared)}, over ${limit}`, 'too-large')
  }
  const encoding = String(response.headers['content-encoding'] ?? '').trim().toLowerCase()
  const decoder = DECODERS[encoding]
  const body: Readable = decoder ? pipeline(response, decoder(), () => {}) as unknown as Readable : response
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      total += chunk.byteLength
      if (total > maxBytes) throw new FetchProblem(`too large: response passed ${limit}; reading stopped`, 'too-large')
      chunks.push(chunk)
    }
  }
  catch (err) {
    throw err instanceof FetchProblem ? err : timedOut() ?? networkProblem(err, 'connection broke while reading')
  }
  finally {
    response.destroy()
    body.destroy()
  }
  return Buffer.concat(chunks, total)
}
