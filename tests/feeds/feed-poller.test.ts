import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { feedHealth } from '../../src/feeds/feed-health.js'
import { feedSpec } from '../../src/feeds/feed-list.js'
import { createStore } from '../../src/storage/create-store.js'
import { feedRoute, hugeRoute, slowRoute, startFeedServer, statusRoute, fileRoute, type FeedServer, type Route } from './feed-server.js'
import { pollerHarness, type PollerHarness } from './poller-harness.js'

let server: FeedServer
beforeEach(async () => { server = await startFeedServer() })
afterEach(() => server.close())

const feeds = (...entries: string[]) => entries.map((e) => e.replace(/^\//, `${server.base}/`)).join(',')
const byTitle = (h: PollerHarness, words: string) => h.stories().find((s) => s.title.includes(words))

describe('createFeedPoller', () => {
  it('turns RSS 2.0 items into stories with their link, +0400 date, author and plain text, given a local feed', async () => {
    const h = await pollerHarness({ FEEDS: feeds('/rss.xml|gulf|ar|الخليج') })
    const outcomes = await h.poller.pollDue()
    expect(outcomes.get(server.url('/rss.xml'))).toMatchObject({ status: 'ok', report: { items: 3, added: 3, skipped: 0 } })
    const satellite = byTitle(h, 'قمراً صناعياً')!
    expect(satellite).toMatchObject({
      title: 'الإمارات تطلق قمراً صناعياً جديداً لرصد التغير المناخي',
      url: server.url('/ar/science/2026/11/28/uae-climate-satellite.html'),
      publishedAt: '2026-11-28T17:35:43.000Z',
      author: 'سارة المنصوري',
      city: 'دبي',
      section: 'الخليج',
      source: 'gulf',
      outlets: ['gulf'],
      kind: 'full',
      firstSeenAt: '2026-11-29T06:00:00.000Z',
    })
    expect(satellite.paragraphs).toEqual([
      'أطلقت الإمارات مساء السبت قمراً صناعياً جديداً مخصصاً لرصد انبعاثات الغازات & درجات حرارة سطح البحر في منطقة الخليج، في خطوة قال مسؤولون إنها تعزز قدرة الدولة على متابعة التغير المناخي.',
      'وقال مدير البرنامج إن القمر سيرسل أول صوره خلال أسبوعين.',
      'اقرأ المزيد',
    ])
    expect(byTitle(h, 'أسعار النفط')!.paragraphs[0]).toMatch(/^ارتفعت أسعار النفط في تعاملات السبت/)
    expect(h.changed.flat().map((a) => a.id).sort()).toEqual(h.stories().map((a) => a.id).sort())
  })

  it('reads Atom entries, given an Atom feed with type="html" summaries and content', async () => {
    const h = await pollerHarness({ FEEDS: feeds('/atom.xml|arabnews') })
    await h.poller.pollDue()
    const match = byTitle(h, 'المنتخب السعودي')!
    expect(match).toMatchObject({ url: server.url('/news/sport/saudi-japan-qualifier'), publishedAt: '2026-11-28T19:45:00.000Z', city: 'جدة', author: 'فهد الزهراني', outlets: ['arabnews'] })
    expect(match.paragraphs).toEqual([expect.stringMatching(/^حقق المنتخب السعودي فوزاً ثميناً/), 'وبهذا الفوز يتصدر الأخضر مجموعته.'])
    expect(byTitle(h, 'أسعار النفط')!.paragraphs[0]).toContain('صعدت أسعار الخام عالمياً عقب')
  })

  it('makes one story with several outlets, given one story in three feeds under other links, texts and headlines', async () => {
    const h = await pollerHarness({ FEEDS: feeds('/rss.xml|gulf', '/atom.xml|arabnews', '/mirror.xml|mirror') })
    await h.poller.pollDue()
    const outlets = Object.fromEntries(h.stories().map((s) => [s.url!.replace(server.base, ''), [...s.outlets].sort()]))
    expect(Object.values(outlets)).toHaveLength(4)
    expect(h.stories().map((s) => [...s.outlets].sort()).sort()).toEqual([['arabnews'], ['arabnews', 'gulf'], ['gulf', 'mirror'], ['gulf', 'mirror']].sort())
    // The tracking parameters and fragment of the mirror's link do not make it another page.
    expect(h.stories().filter((s) => s.url?.includes('uae-climate-satellite'))).toHaveLength(1)

    h.clock.advanceMinutes(15)
    for (const path of ['/rss.xml', '/atom.xml', '/mirror.xml']) server.route(path, fileRoute(path === '/atom.xml' ? 'atom.xml' : path === '/rss.xml' ? 'rss-2.0.xml' : 'mirror.xml', 'application/xml'))
    const again = await h.poller.pollDue()
    expect([...again.values()].map((o) => o.status === 'ok' && o.report.added + o.report.updated)).toEqual([0, 0, 0])
    expect(h.stories()).toHaveLength(4)
  })

  it('sends ETag and Last-Modified back and keeps the stories, given the server answers 304', async () => {
    const h = await pollerHarness({ FEEDS: feeds('/rss.xml|gulf') })
    await h.poller.pollDue()
    const before = JSON.stringify(h.stories())
    h.clock.advanceMinutes(15)
    const outcomes = await h.poller.pollDue()
    expect(outcomes.get(server.url('/rss.xml'))).toEqual({ status: 'not-modified' })
    expect(server.hits('/rss.xml')[1]!.headers).toMatchObject({ 'if-none-match': '"rss-2.0.xml-v1"', 'if-modified-since': 'Sat, 28 Nov 2026 18:00:00 GMT' })
    expect(JSON.stringify(h.stories())).toBe(before)
    const [status] = await h.poller.status()
    expect(status!.state).toMatchObject({ failures: 0, lastSuccessAt: '2026-11-29T06:15:00.000Z', etag: '"rss-2.0.xml-v1"', lastItems: 3, lastAdded: 3 })
  })

  const slow = slowRoute(2000)
  const badCases: [string, Route, RegExp][] = [
    ['a 500', statusRoute(500), /^feed flaky: HTTP 500; next attempt in 5 min \(failure 1 in a row\)$/],
    ['a slow response', slow, /^feed flaky: timed out: no complete answer within 300 ms; next attempt in 5 min/],
    ['a 20 MB response', hugeRoute(20), /^feed flaky: too large: response passed the 256 KB limit \(FEED_MAX_KB\); reading stopped; next attempt in 5 min/],
    ['invalid XML', fileRoute('invalid.xml', 'application/rss+xml'), /^feed flaky: not a feed: invalid XML; next attempt in 5 min/],
    ['an HTML page', fileRoute('page.html', 'text/html; charset=utf-8'), /^feed flaky: not a feed: served an HTML page; .*next attempt in 5 min/],
  ]

  it.each(badCases)('logs one line, backs off and keeps every stored story, given %s', async (_name, bad, line) => {
    server.route('/flaky.xml', feedRoute('atom.xml', { etag: '"flaky-v1"' }))
    // Only the slow case relies on the timeout; a loaded machine must not turn the other cases into timeouts.
    const h = await pollerHarness({ FEEDS: feeds('/rss.xml|gulf', '/flaky.xml|flaky'), FEED_TIMEOUT_MS: bad === slow ? 300 : 5000 })
    await h.poller.pollDue()
    const stored = JSON.stringify(h.stories())
    expect(h.stories()).toHaveLength(4)

    server.route('/flaky.xml', bad)
    h.clock.advanceMinutes(15)
    const failed = await h.poller.pollDue()
    expect(failed.get(server.url('/flaky.xml'))).toMatchObject({ status: 'failed', failures: 1, retryAt: '2026-11-29T06:20:00.000Z' })
    expect(failed.get(server.url('/rss.xml'))).toEqual({ status: 'not-modified' })
    const warnings = h.log.lines().filter((l) => l.level >= 40)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({ feed: 'flaky', failures: 1, msg: expect.stringMatching(line) })
    expect(JSON.stringify(h.stories())).toBe(stored)

    const hits = server.hits('/flaky.xml').length
    h.clock.advanceMinutes(1)
    expect((await h.poller.pollDue()).get(server.url('/flaky.xml'))).toEqual({ status: 'waiting', retryAt: '2026-11-29T06:20:00.000Z' })
    expect(server.hits('/flaky.xml')).toHaveLength(hits)

    h.clock.advanceMinutes(5)
    expect((await h.poller.pollDue()).get(server.url('/flaky.xml'))).toMatchObject({ status: 'failed', failures: 2, retryAt: '2026-11-29T06:31:00.000Z' })

    server.route('/flaky.xml', feedRoute('atom.xml', { etag: '"flaky-v2"' }))
    h.clock.advanceMinutes(10)
    // Last-Modified is unchanged, so the recovered feed answers 304.
    expect((await h.poller.pollDue()).get(server.url('/flaky.xml'))).toEqual({ status: 'not-modified' })
    expect(JSON.stringify(h.stories())).toBe(stored)
    const flaky = (await h.poller.status()).find((f) => f.name === 'flaky')!
    expect(flaky.state).toMatchObject({ failures: 0, lastSuccessAt: '2026-11-29T06:31:00.000Z', lastErrorAt: '2026-11-29T06:21:00.000Z' })
    expect(flaky.state.nextAttemptAt).toBeUndefined()
  })

  it('caps the wait at FEED_BACKOFF_MAX_MINUTES, given a feed that keeps failing', async () => {
    const h = await pollerHarness({ FEEDS: feeds('/error.xml|broken'), FEED_BACKOFF_MAX_MINUTES: 30 })
    const waits: number[] = []
    for (let i = 0; i < 5; i++) {
      const outcome = (await h.poller.pollDue()).get(server.url('/error.xml'))!
      if (outcome.status !== 'failed') throw new Error(`expected a failure, got ${outcome.status}`)
      waits.push((Date.parse(outcome.retryAt) - h.clock.now.getTime()) / 60_000)
      h.clock.now = new Date(outcome.retryAt)
    }
    expect(waits).toEqual([5, 10, 20, 30, 30])
  })

  it('extracts the article from the linked page, given FEED_FULL_TEXT, and keeps the description for pages it cannot read', async () => {
    server.route('/ar/economy/2026/11/28/oil-prices-rise.html', hugeRoute(20))
    const h = await pollerHarness({ FEEDS: feeds('/rss.xml|gulf'), FEED_FULL_TEXT: true })
    const outcome = (await h.poller.pollDue()).get(server.url('/rss.xml'))
    expect(outcome).toMatchObject({ status: 'ok', report: { added: 3, noFullText: 2 } })
    const satellite = byTitle(h, 'قمراً صناعياً')!
    expect(satellite.paragraphs.join('\n')).toContain('من قاعدة فاندنبرغ في كاليفورنيا')
    expect(satellite.paragraphs.join('\n')).toContain('وتبلغ كلفته الإجمالية نحو ملياري درهم')
    expect(satellite.paragraphs.join('\n')).not.toMatch(/الأكثر قراءة|جميع الحقوق|tracker|تسجيل الدخول/)
    expect(byTitle(h, 'أسعار النفط')!.paragraphs[0]).toMatch(/^ارتفعت أسعار النفط في تعاملات السبت/)
    expect(h.log.lines().find((l) => l.feed === 'gulf' && l.level === 30)?.msg).toMatch(/2 without full text: /)
  })

  it('keeps feeds added and removed at run time across a restart, given the same store', async () => {
    const store = await createStore('memory://')
    const first = await pollerHarness({ FEEDS: feeds('/rss.xml|gulf') }, store)
    expect(await first.poller.registry.add(feedSpec({ url: server.url('/atom.xml'), name: 'arabnews' }))).toBe(true)
    expect(await first.poller.registry.add(feedSpec({ url: server.url('/atom.xml') }))).toBe(false)
    expect(await first.poller.registry.remove(server.url('/rss.xml'))).toBe(true)

    const second = await pollerHarness({ FEEDS: feeds('/rss.xml|gulf') }, store)
    expect(await second.poller.registry.list()).toEqual([{ url: server.url('/atom.xml'), name: 'arabnews', language: 'ar', origin: 'added' }])
    await second.poller.pollDue()
    expect(second.stories().map((s) => s.source)).toEqual(['arabnews', 'arabnews'])
    expect(server.hits('/rss.xml')).toHaveLength(0)
  })

  it('decodes the declared charset, given a windows-1256 feed', async () => {
    // «الخبر الأول» in windows-1256, as older Arabic CMSs still serve it.
    const title = Buffer.from([0xC7, 0xE1, 0xCE, 0xC8, 0xD1, 0x20, 0xC7, 0xE1, 0xC3, 0xE6, 0xE1])
    const body = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="windows-1256"?><rss version="2.0"><channel><title>x</title><item><title>'),
      title,
      Buffer.from('</title><link>https://old.example/1</link><description>'),
      title,
      Buffer.from('</description></item></channel></rss>'),
    ])
    server.route('/cp1256.xml', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body))
    const h = await pollerHarness({ FEEDS: feeds('/cp1256.xml|old') })
    await h.poller.pollDue()
    expect(h.stories().map((a) => [a.title, a.paragraphs])).toEqual([['الخبر الأول', ['الخبر الأول']]])
  })

  it('polls FEEDS and logs one error, given a feeds.json that is not valid JSON', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'khulasa-feeds-')), 'feeds.json')
    writeFileSync(file, '[{"url": ')
    const h = await pollerHarness({ FEEDS: feeds('/rss.xml|gulf'), FEEDS_FILE: file })
    await h.poller.pollDue()
    expect(h.stories()).toHaveLength(3)
    expect(h.log.lines().filter((l) => l.level >= 50).map((l) => l.msg)).toEqual([expect.stringMatching(/^feeds: .*feeds\.json: not valid JSON .*; the feeds in it are not polled until it is fixed$/)])
  })

  it('polls at start and on schedule until stopped, given start() and stop()', async () => {
    const h = await pollerHarness({ FEEDS: feeds('/rss.xml|gulf') })
    h.poller.start()
    await vi.waitFor(() => expect(h.stories()).toHaveLength(3), { timeout: 3000 })
    await h.poller.stop()
    expect(server.hits('/rss.xml')).toHaveLength(1)
    expect(h.log.lines().map((l) => l.msg)).toContain('feeds: 1 configured, polled on "*/15 * * * *"')
  })

  it('reports the failing feeds for /stats, given one healthy and one failing feed', async () => {
    const h = await pollerHarness({ FEEDS: feeds('/rss.xml|gulf', '/error.xml|broken') })
    await h.poller.pollDue()
    expect(await feedHealth(h.poller)).toEqual({
      total: 2,
      failing: [{ name: 'broken', url: server.url('/error.xml'), failures: 1, lastError: 'HTTP 500', nextAttemptAt: '2026-11-29T06:05:00.000Z' }],
    })
  })
})
