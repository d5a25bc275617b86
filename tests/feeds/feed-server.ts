import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'

export type Route = (req: IncomingMessage, res: ServerResponse, base: string) => void | Promise<void>
export interface RecordedRequest { path: string, headers: IncomingMessage['headers'] }

export interface FeedServer {
  base: string
  url: (path: string) => string
  requests: RecordedRequest[]
  hits: (path: string) => RecordedRequest[]
  route: (path: string, handler: Route) => void
  close: () => Promise<void>
}

/** A fixture file with {{base}} replaced by the server's address, so links point back at the server. */
export function fixture(name: string, base: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8').replaceAll('{{base}}', base)
}

/** Serves a fixture with validators; answers 304 when the client sends them back. */
export function feedRoute(name: string, { type = 'application/rss+xml; charset=utf-8', etag = `"${name}-v1"`, lastModified = 'Sat, 28 Nov 2026 18:00:00 GMT' } = {}): Route {
  return (req, res, base) => {
    if (req.headers['if-none-match'] === etag || req.headers['if-modified-since'] === lastModified) {
      res.writeHead(304, { etag, 'last-modified': lastModified }).end()
      return
    }
    res.writeHead(200, { 'content-type': type, etag, 'last-modified': lastModified }).end(fixture(name, base))
  }
}

export const statusRoute = (status: number): Route => (_req, res) => void res.writeHead(status, { 'content-type': 'text/plain' }).end('Internal Server Error')

/** Sends nothing until `ms` have passed. */
export const slowRoute = (ms: number): Route => async (_req, res, base) => {
  const hungUp = new AbortController()
  res.once('close', () => hungUp.abort())
  await sleep(ms, undefined, { signal: hungUp.signal }).catch(() => {})
  if (!res.destroyed) res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(fixture('rss-2.0.xml', base))
}

/** `megabytes` of well-formed RSS items, streamed without a Content-Length, stopping when the client hangs up. */
export const hugeRoute = (megabytes: number): Route => async (req, res) => {
  res.writeHead(200, { 'content-type': 'application/rss+xml' })
  res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>ضخم</title>')
  const item = '<item><title>خبر مكرر في خلاصة ضخمة جداً</title><description>نص طويل يتكرر مرات كثيرة لملء الاستجابة</description></item>'.repeat(200)
  let sent = 0
  let wake = () => {}
  res.on('drain', () => wake())
  res.once('close', () => wake())
  while (sent < megabytes * 1024 * 1024 && !res.destroyed && !req.socket.destroyed) {
    sent += Buffer.byteLength(item)
    if (!res.write(item)) await new Promise<void>((resolve) => { wake = resolve })
  }
  if (!res.destroyed) res.end('</channel></rss>')
}

export const fileRoute = (name: string, type: string): Route => (_req, res, base) => void res.writeHead(200, { 'content-type': type }).end(fixture(name, base))

/**
 * A real HTTP server on 127.0.0.1 with the fixtures every feed test uses; add or replace routes per test.
 * `host` puts it on another loopback address, e.g. PUBLIC_STAND_IN (tests/net/stand-in.ts).
 */
export async function startFeedServer(extra: Record<string, Route> = {}, { host = '127.0.0.1' } = {}): Promise<FeedServer> {
  const routes = new Map<string, Route>(Object.entries({
    '/rss.xml': feedRoute('rss-2.0.xml'),
    '/atom.xml': feedRoute('atom.xml', { type: 'application/atom+xml', etag: '"atom-v1"' }),
    '/mirror.xml': feedRoute('mirror.xml', { etag: '"mirror-v1"' }),
    '/error.xml': statusRoute(500),
    '/slow.xml': slowRoute(2000),
    '/huge.xml': hugeRoute(20),
    '/invalid.xml': fileRoute('invalid.xml', 'application/rss+xml'),
    '/page.html': fileRoute('page.html', 'text/html; charset=utf-8'),
    '/ar/science/2026/11/28/uae-climate-satellite.html': fileRoute('article.html', 'text/html; charset=utf-8'),
    ...extra,
  }))
  const requests: RecordedRequest[] = []
  let base = ''
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    requests.push({ path, headers: req.headers })
    const route = routes.get(path)
    if (!route) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
    Promise.resolve(route(req, res, base)).catch((err: Error) => res.destroy(err))
  })
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  base = `http://${host}:${(server.address() as AddressInfo).port}`
  return {
    base,
    url: (path) => `${base}${path}`,
    requests,
    hits: (path) => requests.filter((r) => r.path === path),
    route: (path, handler) => void routes.set(path, handler),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
  }
}
