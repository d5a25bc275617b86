import { gzipSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FetchProblem } from '../../src/net/fetch-problem.js'
import { guardedFetch, guardedLookup, urlProblem, type FetchOptions } from '../../src/net/guarded-fetch.js'
import { startFeedServer, type FeedServer } from '../feeds/feed-server.js'
import { PUBLIC_STAND_IN, standIn, standInRefusal, tableResolver } from './stand-in.js'

let local: FeedServer
let site: FeedServer
beforeEach(async () => {
  local = await startFeedServer({ '/internal': (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('INTERNAL-ONLY: db_password=hunter2') })
  site = await startFeedServer({}, { host: PUBLIC_STAND_IN })
})
afterEach(async () => {
  await local.close()
  await site.close()
})

const limits = { timeoutMs: 2000, maxBytes: 64 * 1024 }
const port = (server: FeedServer) => new URL(server.base).port
/** news.example is the stand-in for a public site; intranet.example is a public-looking name for an internal address. */
const network = () => standIn({ 'news.example': [PUBLIC_STAND_IN], 'intranet.example': ['127.0.0.1'], 'mixed.example': [PUBLIC_STAND_IN, '10.0.0.7'] })
const news = (path: string) => `http://news.example:${port(site)}${path}`
const problem = (url: string, options: Partial<FetchOptions> = {}) =>
  guardedFetch(url, { ...limits, ...options }).then(() => undefined, (e: unknown) => e as FetchProblem)

describe('guardedFetch', () => {
  it('refuses loopback, private, link-local, unique-local and metadata addresses however written, given FEEDS_ALLOW_PRIVATE off', async () => {
    const p = port(local)
    const cases: [string, string][] = [
      [`http://127.0.0.1:${p}/rss.xml`, 'address not allowed (loopback)'],
      [`http://0x7f000001:${p}/rss.xml`, 'address not allowed (loopback)'],
      [`http://2130706433:${p}/rss.xml`, 'address not allowed (loopback)'],
      [`http://017700000001:${p}/rss.xml`, 'address not allowed (loopback)'],
      [`http://127.1:${p}/rss.xml`, 'address not allowed (loopback)'],
      [`http://[::ffff:127.0.0.1]:${p}/rss.xml`, 'address not allowed (loopback)'],
      [`http://[::1]:${p}/rss.xml`, 'address not allowed (loopback)'],
      [`http://localhost:${p}/rss.xml`, 'address not allowed (local name)'],
      ['http://10.0.0.1/rss.xml', 'address not allowed (private)'],
      ['http://[fd00::1]/rss.xml', 'address not allowed (uniqueLocal)'],
      ['http://169.254.169.254/latest/meta-data/', 'address not allowed (cloud metadata)'],
      ['http://metadata.google.internal/computeMetadata/v1/', 'address not allowed (cloud metadata)'],
      ['http://0.0.0.0/', 'address not allowed (unspecified)'],
    ]
    const resolve = tableResolver({})
    for (const [url, message] of cases) expect(await problem(url, { resolve }), url).toMatchObject({ kind: 'address', message })
    expect(resolve.asked).toEqual([])
    expect(local.requests).toEqual([])
  })

  it('refuses a public-looking name whose DNS answer is internal, given any internal address among the answers', async () => {
    const seam = network()
    expect(await problem(`http://intranet.example:${port(local)}/internal`, seam)).toMatchObject({ kind: 'address', message: 'address not allowed (loopback)' })
    expect(await problem(`http://mixed.example:${port(site)}/rss.xml`, seam)).toMatchObject({ kind: 'address', message: 'address not allowed (private)' })
    expect(seam.resolve.asked).toEqual(['intranet.example', 'mixed.example'])
    expect(local.requests).toEqual([])
    expect(site.requests).toEqual([])
  })

  it('refuses a 302 from a public-looking host to 127.0.0.1, given the redirect is checked like the first URL', async () => {
    site.route('/go', (_req, res) => void res.writeHead(302, { location: local.url('/internal') }).end())
    expect(await problem(news('/go'), network())).toMatchObject({ kind: 'address', message: 'address not allowed (loopback, via a redirect)' })
    site.route('/go-by-name', (_req, res) => void res.writeHead(301, { location: `http://intranet.example:${port(local)}/internal` }).end())
    expect(await problem(news('/go-by-name'), network())).toMatchObject({ kind: 'address', message: 'address not allowed (loopback)' })
    expect(site.hits('/go')).toHaveLength(1)
    expect(local.requests).toEqual([])
  })

  it('resolves again on every hop, given a name that answers the public stand-in first and 127.0.0.1 after (DNS rebinding)', async () => {
    const answers = [[PUBLIC_STAND_IN], ['127.0.0.1']]
    const seam = standIn({ 'rebind.example': () => answers.shift() ?? ['127.0.0.1'] })
    site.route('/again', (_req, res) => void res.writeHead(307, { location: '/rss.xml' }).end())
    expect(await problem(`http://rebind.example:${port(site)}/again`, seam)).toMatchObject({ kind: 'address', message: 'address not allowed (loopback)' })
    expect(seam.resolve.asked).toEqual(['rebind.example', 'rebind.example'])
    expect(site.hits('/rss.xml')).toEqual([])
  })

  it('follows redirects between public hosts and returns the last answer, given relative and absolute Locations', async () => {
    site.route('/old', (_req, res) => void res.writeHead(301, { location: '/moved' }).end())
    site.route('/moved', (_req, res) => void res.writeHead(302, { location: news('/rss.xml') }).end())
    const answer = await guardedFetch(news('/old'), { ...limits, ...network() })
    expect(answer.status).toBe(200)
    expect(new TextDecoder().decode(answer.bytes)).toContain('<rss')
    expect(site.requests.map((r) => [r.path, r.headers.host])).toEqual([['/old', `news.example:${port(site)}`], ['/moved', `news.example:${port(site)}`], ['/rss.xml', `news.example:${port(site)}`]])
  })

  it('stops after five redirects, given a redirect loop', async () => {
    site.route('/loop', (_req, res) => void res.writeHead(302, { location: '/loop' }).end())
    expect(await problem(news('/loop'), network())).toMatchObject({ kind: 'redirects', message: 'too many redirects (more than 5)' })
    expect(site.hits('/loop')).toHaveLength(6)
  })

  it('refuses URLs with a user name or password and never shows them, given the URL or a redirect carries them', async () => {
    const given = await problem(`http://admin:s3cret@news.example:${port(site)}/rss.xml`, network())
    expect(given).toMatchObject({ kind: 'credentials', message: 'credentials in URL: a user name or password is never sent' })
    site.route('/login', (_req, res) => void res.writeHead(302, { location: `http://admin:s3cret@news.example:${port(site)}/rss.xml` }).end())
    const redirected = await problem(news('/login'), network())
    expect(redirected).toMatchObject({ kind: 'credentials', message: 'credentials in URL: a user name or password is never sent, via a redirect' })
    expect(`${given!.message} ${redirected!.message}`).not.toMatch(/admin|s3cret/)
    expect(site.hits('/rss.xml')).toEqual([])
  })

  it('names the class and never the bytes of the response, given a 500 with a status text and a body', async () => {
    site.route('/secret-500', (_req, res) => {
      res.statusMessage = 'INTERNAL-ONLY db_password'
      res.writeHead(500, { 'content-type': 'text/plain' }).end('INTERNAL-ONLY: db_password=hunter2')
    })
    const error = await problem(news('/secret-500'), network())
    expect(error).toBeInstanceOf(FetchProblem)
    expect(error).toMatchObject({ kind: 'http', status: 500, message: 'HTTP 500' })
  })

  it('fetches from 127.0.0.1 with the user agent and returns a 304, given FEEDS_ALLOW_PRIVATE and validators the server accepts', async () => {
    const answer = await guardedFetch(local.url('/rss.xml'), { ...limits, allowPrivate: true, headers: { 'if-none-match': '"rss-2.0.xml-v1"' } })
    expect(answer.status).toBe(304)
    expect(answer.bytes.byteLength).toBe(0)
    expect(local.hits('/rss.xml')[0]!.headers['user-agent']).toMatch(/^khulasa\//)
  })

  it('refuses without reading the body, given a Content-Length over the limit', async () => {
    site.route('/declared.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': String(20 * 1024 * 1024) })
      res.write('<rss>')
    })
    expect(await problem(news('/declared.xml'), network())).toMatchObject({ kind: 'too-large', message: 'too large: response is 20.0 MB, over the 64 KB limit (FEED_MAX_KB)' })
  })

  it('stops reading at the limit after decompressing, given a 64 KB cap and a gzip body of 8 MB of zeros', async () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024))
    site.route('/bomb.xml', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' }).end(bomb))
    expect(bomb.byteLength).toBeLessThan(limits.maxBytes)
    expect(await problem(news('/bomb.xml'), network())).toMatchObject({ kind: 'too-large', message: 'too large: response passed the 64 KB limit (FEED_MAX_KB); reading stopped' })
  })

  it('reads a gzip body, given Content-Encoding gzip', async () => {
    site.route('/gz.xml', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' }).end(gzipSync('<rss>نص</rss>')))
    const answer = await guardedFetch(news('/gz.xml'), { ...limits, ...network() })
    expect(new TextDecoder().decode(answer.bytes)).toBe('<rss>نص</rss>')
    expect(site.hits('/gz.xml')[0]!.headers['accept-encoding']).toBe('gzip, deflate, br')
  })

  it('times out, given DNS that never answers', async () => {
    const seam = { resolve: () => new Promise<string[]>(() => {}), refusal: standInRefusal }
    expect(await problem(news('/rss.xml'), { ...seam, timeoutMs: 200 })).toMatchObject({ kind: 'timeout', message: 'timed out: no complete answer within 200 ms' })
  })

  it('says it cannot connect and why, given a port nobody listens on or a name DNS does not know', async () => {
    await site.close()
    expect(await problem(news('/rss.xml'), network())).toMatchObject({ kind: 'network', message: 'cannot connect: connection refused' })
    expect(await problem('http://nowhere.example/rss.xml', network())).toMatchObject({ kind: 'network', message: 'cannot connect: host not found' })
    site = await startFeedServer({}, { host: PUBLIC_STAND_IN })
  })
})

describe('urlProblem', () => {
  it('refuses before any lookup, given a written-out address, credentials or another scheme', () => {
    expect(urlProblem('http://0x7f000001/rss', { allowPrivate: false })).toMatchObject({ kind: 'address' })
    expect(urlProblem('http://0x7f000001/rss', { allowPrivate: true })).toBeUndefined()
    expect(urlProblem('https://u:p@example.com/rss', { allowPrivate: true })).toMatchObject({ kind: 'credentials' })
    expect(urlProblem('file:///etc/passwd', { allowPrivate: true })).toMatchObject({ kind: 'scheme' })
    expect(urlProblem('https://www.alarabiya.net/rss.xml', { allowPrivate: false })).toBeUndefined()
  })
})

describe('guardedLookup', () => {
  const lookup = (hostname: string, options: { all?: boolean, family?: number }) => new Promise((resolve, reject) => {
    guardedLookup({ resolve: tableResolver({ 'news.example': [PUBLIC_STAND_IN, '2606:4700::1111'], 'intranet.example': ['127.0.0.1'] }), refusal: standInRefusal })(
      hostname, options, (err, address, family) => (err ? reject(err) : resolve({ address, family })))
  })

  it('hands the connection only addresses it checked, in the shape net.connect asks for', async () => {
    expect(await lookup('news.example', { all: true })).toEqual({ address: [{ address: PUBLIC_STAND_IN, family: 4 }, { address: '2606:4700::1111', family: 6 }], family: undefined })
    expect(await lookup('news.example', { family: 4 })).toEqual({ address: PUBLIC_STAND_IN, family: 4 })
    await expect(lookup('intranet.example', { all: true })).rejects.toMatchObject({ kind: 'address', message: 'address not allowed (loopback)' })
  })
})
