import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { decodeBody, fetchLimited, FetchProblem } from '../../src/feeds/fetch-limited.js'
import { startFeedServer, type FeedServer } from './feed-server.js'

let server: FeedServer
beforeEach(async () => { server = await startFeedServer() })
afterEach(() => server.close())

const limits = { timeoutMs: 2000, maxBytes: 64 * 1024 }

describe('fetchLimited', () => {
  it('refuses without reading the body, given a Content-Length over the limit', async () => {
    server.route('/declared.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': String(20 * 1024 * 1024) })
      res.write('<rss>')
    })
    const error = await fetchLimited(server.url('/declared.xml'), limits).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FetchProblem)
    expect(error).toMatchObject({ kind: 'too-large', message: 'response is 20.0 MB, over the 64 KB limit (FEED_MAX_KB)' })
  })

  it('returns the 304 with an empty body, given validators the server accepts', async () => {
    const answer = await fetchLimited(server.url('/rss.xml'), { ...limits, headers: { 'if-none-match': '"rss-2.0.xml-v1"' } })
    expect(answer.status).toBe(304)
    expect(answer.bytes.byteLength).toBe(0)
    expect(server.hits('/rss.xml')[0]!.headers['user-agent']).toMatch(/^khulasa\//)
  })

  it('says it cannot connect, given a port nobody listens on', async () => {
    await server.close()
    await expect(fetchLimited(server.url('/rss.xml'), limits)).rejects.toMatchObject({ kind: 'network', message: expect.stringMatching(/^cannot connect: /) })
    server = await startFeedServer()
  })
})

describe('decodeBody', () => {
  it('prefers the charset of the Content-Type, then the XML declaration, then UTF-8', () => {
    const cp1256 = Uint8Array.from([0xC7, 0xE1])
    expect(decodeBody(cp1256, 'text/xml; charset=windows-1256')).toBe('ال')
    expect(decodeBody(Buffer.concat([Buffer.from('<?xml version="1.0" encoding="windows-1256"?>'), cp1256]), 'text/xml')).toMatch(/ال$/)
    expect(decodeBody(Buffer.from('نص'), null)).toBe('نص')
  })
})
