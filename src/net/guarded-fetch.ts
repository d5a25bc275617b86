import { lookup as dnsLookup } from 'node:dns/promises'
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { isIP, type LookupFunction } from 'node:net'
import { addressRefusal, hostRefusal } from './address-policy.js'
import { FetchProblem, networkProblem } from './fetch-problem.js'
import { readBody } from './read-body.js'

/** Every address a host name resolves to. */
export type Resolve = (hostname: string) => Promise<string[]>

export interface FetchOptions {
  timeoutMs: number
  maxBytes: number
  headers?: Record<string, string>
  /** FEEDS_ALLOW_PRIVATE: loopback and private addresses are fetched too, for local testing. */
  allowPrivate?: boolean
  /** DNS; tests answer it themselves so that no query leaves the machine. */
  resolve?: Resolve
  /** Why an address is refused (default: addressRefusal); tests stand a loopback address in for the internet. */
  refusal?: (address: string) => string | undefined
}

export interface Fetched { status: number, headers: Headers, bytes: Uint8Array }

interface Guard { allowPrivate: boolean, resolve: Resolve, refusal: (address: string) => string | undefined }

const USER_AGENT = 'khulasa/0.1 (news summary bot; feed reader)'
const MAX_REDIRECTS = 5
const REDIRECTS = new Set([301, 302, 303, 307, 308])

const systemResolve: Resolve = async (hostname) => (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => a.address)

/**
 * The one client for every outbound fetch (feeds, article pages): GET with one deadline for every hop,
 * headers and body together, and a body cap. It refuses any URL with credentials and any address that is not
 * public: before DNS for literal addresses and local names, in the connection's own DNS lookup for host names
 * (so the address checked is the address connected to, and DNS rebinding has no second lookup to win), and on
 * the connected socket. Redirects are followed by hand and each one is checked the same way.
 * 304 comes back as a response; other non-2xx statuses and every refusal throw FetchProblem.
 */
export async function guardedFetch(url: string, options: FetchOptions): Promise<Fetched> {
  const allowPrivate = options.allowPrivate ?? false
  const guard: Guard = {
    allowPrivate,
    resolve: options.resolve ?? systemResolve,
    refusal: options.refusal ?? ((address) => addressRefusal(address, { allowPrivate })),
  }
  const signal = AbortSignal.timeout(options.timeoutMs)
  const timedOut = () => (signal.aborted ? new FetchProblem(`timed out: no complete answer within ${options.timeoutMs} ms`, 'timeout') : undefined)
  let target = checkedUrl(url, guard)
  for (let redirects = 0; ; redirects++) {
    const response = await send(target, options.headers ?? {}, guard, signal, timedOut)
    const status = response.statusCode ?? 0
    if (REDIRECTS.has(status)) {
      response.destroy()
      const location = response.headers.location
      if (!location) throw new FetchProblem(`HTTP ${status}: a redirect without a Location`, 'http', status)
      if (redirects === MAX_REDIRECTS) throw new FetchProblem(`too many redirects (more than ${MAX_REDIRECTS})`, 'redirects')
      target = checkedUrl(location, guard, target)
      continue
    }
    const headers = toHeaders(response)
    if (status === 304) {
      response.destroy()
      return { status, headers, bytes: new Uint8Array() }
    }
    if (status < 200 || status > 299) {
      response.destroy()
      throw new FetchProblem(`HTTP ${status}`, 'http', status)
    }
    return { status, headers, bytes: await readBody(response, options.maxBytes, timedOut) }
  }
}

/** Why a URL is refused before any DNS or connection (scheme, credentials, literal address, local name), or undefined. */
export function urlProblem(url: string, { allowPrivate }: { allowPrivate: boolean }): FetchProblem | undefined {
  try {
    checkedUrl(url, { allowPrivate, refusal: (address) => addressRefusal(address, { allowPrivate }) })
    return undefined
  }
  catch (err) {
    return err as FetchProblem
  }
}

/** The URL to fetch, or a FetchProblem; a redirect's Location is resolved against the page that sent it. */
function checkedUrl(text: string, guard: Pick<Guard, 'allowPrivate' | 'refusal'>, from?: URL): URL {
  const via = from ? ', via a redirect' : ''
  let url: URL
  try {
    url = new URL(text, from)
  }
  catch {
    throw new FetchProblem(`not a valid URL${via}`, 'scheme')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchProblem(`unsupported scheme: only http and https are fetched${via}`, 'scheme')
  if (url.username || url.password) throw new FetchProblem(`credentials in URL: a user name or password is never sent${via}`, 'credentials')
  const host = url.hostname.replace(/^\[|\]$/g, '')
  const why = isIP(host) ? guard.refusal(host) : hostRefusal(host, guard)
  if (why) throw new FetchProblem(`address not allowed (${why}${via})`, 'address')
  return url
}

function send(
  url: URL,
  headers: Record<string, string>,
  guard: Guard,
  signal: AbortSignal,
  timedOut: () => FetchProblem | undefined,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
      headers: { 'user-agent': USER_AGENT, 'accept-encoding': 'gzip, deflate, br', ...headers },
      signal,
      agent: false,
      lookup: guardedLookup(guard),
    })
    request.once('socket', (socket) => {
      const check = () => {
        const why = socket.remoteAddress ? guard.refusal(socket.remoteAddress) : 'no peer address'
        if (why) request.destroy(new FetchProblem(`address not allowed (${why})`, 'address'))
      }
      if (socket.connecting) socket.once('connect', check)
      else check()
    })
    request.once('response', resolve)
    // on, not once: an abort after the response still emits here, and an unheard 'error' would crash the process.
    request.on('error', (err) => reject(err instanceof FetchProblem ? err : timedOut() ?? networkProblem(err)))
    request.end()
  })
}

/**
 * The connection's DNS lookup: resolves with the injected resolver and refuses the host when any of its
 * addresses is refused (a name answering both a public and a private address is a rebinding setup).
 */
export function guardedLookup(guard: Pick<Guard, 'resolve' | 'refusal'>): LookupFunction {
  return (hostname, options, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family
    guard.resolve(hostname).then((found) => {
      const addresses = family === 4 || family === 6 ? found.filter((a) => isIP(a) === family) : found
      if (addresses.length === 0) throw Object.assign(new Error('no address'), { code: 'ENOTFOUND' })
      for (const address of addresses) {
        const why = guard.refusal(address)
        if (why) throw new FetchProblem(`address not allowed (${why})`, 'address')
      }
      if (options.all) callback(null, addresses.map((address) => ({ address, family: isIP(address) })))
      else callback(null, addresses[0]!, isIP(addresses[0]!))
    }).catch((err: NodeJS.ErrnoException) => callback(err, '', 0))
  }
}

function toHeaders(response: IncomingMessage): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(response.headers)) {
    for (const v of [value ?? []].flat()) {
      try {
        headers.append(name, v)
      }
      catch {
        // A header value fetch's Headers refuses is one the feed code never reads.
      }
    }
  }
  return headers
}
