export type FetchProblemKind = 'timeout' | 'too-large' | 'http' | 'network'

export class FetchProblem extends Error {
  constructor(message: string, readonly kind: FetchProblemKind, readonly status?: number) {
    super(message)
  }
}

export interface Fetched { status: number, headers: Headers, bytes: Uint8Array }

export interface FetchLimits {
  timeoutMs: number
  maxBytes: number
  headers?: Record<string, string>
}

const USER_AGENT = 'khulasa/0.1 (news summary bot; feed reader)'

const describeBytes = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`)

/**
 * GET with one deadline for headers and body together, and a body cap that stops reading as soon as it is
 * passed. 304 comes back as a response; other non-2xx statuses, timeouts and oversize bodies throw FetchProblem.
 */
export async function fetchLimited(url: string, { timeoutMs, maxBytes, headers = {} }: FetchLimits): Promise<Fetched> {
  const signal = AbortSignal.timeout(timeoutMs)
  const timedOut = () => new FetchProblem(`no complete answer within ${timeoutMs} ms`, 'timeout')
  let response: Response
  try {
    response = await fetch(url, { signal, redirect: 'follow', headers: { 'user-agent': USER_AGENT, ...headers } })
  }
  catch (err) {
    if (signal.aborted) throw timedOut()
    const cause = (err as Error & { cause?: Error }).cause
    throw new FetchProblem(`cannot connect: ${cause?.message ?? (err as Error).message}`, 'network')
  }
  if (response.status === 304) {
    await response.body?.cancel()
    return { status: 304, headers: response.headers, bytes: new Uint8Array() }
  }
  if (!response.ok) {
    await response.body?.cancel()
    throw new FetchProblem(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`, 'http', response.status)
  }
  const declared = Number(response.headers.get('content-length') ?? NaN)
  const limit = `the ${describeBytes(maxBytes)} limit (FEED_MAX_KB)`
  if (declared > maxBytes) {
    await response.body?.cancel()
    throw new FetchProblem(`response is ${describeBytes(declared)}, over ${limit}`, 'too-large')
  }
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    for await (const chunk of response.body ?? []) {
      total += chunk.byteLength
      if (total > maxBytes) {
        await response.body?.cancel().catch(() => {})
        throw new FetchProblem(`response passed ${limit}; reading stopped`, 'too-large')
      }
      chunks.push(chunk)
    }
  }
  catch (err) {
    if (err instanceof FetchProblem) throw err
    if (signal.aborted) throw timedOut()
    throw new FetchProblem(`connection broke while reading: ${(err as Error).message}`, 'network')
  }
  return { status: response.status, headers: response.headers, bytes: Buffer.concat(chunks, total) }
}

/** Text in the charset the server or the document declares (Arabic feeds still use windows-1256), else UTF-8. */
export function decodeBody(bytes: Uint8Array, contentType: string | null): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024))
  const label = /charset=["']?([\w-]+)/i.exec(contentType ?? '')?.[1]
    ?? /<\?xml[^>]*encoding=["']([\w-]+)["']/i.exec(head)?.[1]
    ?? /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1]
    ?? 'utf-8'
  try {
    return new TextDecoder(label).decode(bytes)
  }
  catch {
    return new TextDecoder('utf-8').decode(bytes)
  }
}
