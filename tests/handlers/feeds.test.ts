import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createFeedPoller } from '../../src/feeds/feed-poller.js'
import { messagesFor } from '../../src/i18n/messages.js'
import { startFeedServer, fileRoute, type FeedServer } from '../feeds/feed-server.js'
import { INTERNAL_SECRET, internalPage, SSRF_LEADS, ssrfFeed } from '../feeds/ssrf-fixture.js'
import { startHarness, type Harness } from '../helpers/bot-harness.js'
import { captureLogger } from '../helpers/core.js'
import { messageUpdate } from '../helpers/updates.js'
import { PUBLIC_STAND_IN, standIn } from '../net/stand-in.js'

const ADMIN = 900
const ar = messagesFor('ar')
let h: Harness
let server: FeedServer
beforeEach(async () => {
  server = await startFeedServer()
  // The feed server is on 127.0.0.1; the tests of refusals start a bot of their own without this.
  h = await startHarness({ ADMIN_IDS: String(ADMIN), FEEDS_FILE: '/nonexistent/feeds.json', FEED_TIMEOUT_MS: '1000', FEEDS_ALLOW_PRIVATE: 'true' }, { seed: false })
})
afterEach(async () => {
  await h.close()
  await server.close()
})

/** The replies to one update, without the «checking…» notice /addfeed sends before it fetches (asserted once, below). */
const sendTo = async (bot: Harness, text: string, chatId = ADMIN, languageCode = 'ar') => {
  const before = bot.api.textsTo(chatId).length
  await bot.bot.handleUpdate(messageUpdate({ text, chatId, languageCode }))
  return bot.api.textsTo(chatId).slice(before).map((t) => t.replace(/[\u2066-\u2069]/g, '')).filter((t) => !CHECKING.test(t))
}
const CHECKING = /^(جارٍ فحص الخلاصة|Checking the feed) /
const send = (text: string, chatId = ADMIN, languageCode = 'ar') => sendTo(h, text, chatId, languageCode)

describe('feedsHandler', () => {
  it('polls a feed added with /addfeed and shows its stories in /latest and the digest preview, given an admin', async () => {
    expect(await send('/latest')).toEqual([ar.latest.empty])
    expect(await send(`/addfeed ${server.url('/rss.xml')} gulf`)).toEqual(['✅ أُضيفت الخلاصة «gulf» وتُجلب دورياً. أول جلب: عدد العناصر 3، الجديد منها 3.'])

    const [latest] = await send('/latest 3')
    expect(latest).toMatch(/^📰 آخر 3 أخبار\n\n1\. الإمارات تطلق قمراً صناعياً جديداً لرصد التغير المناخي\nأطلقت الإمارات مساء السبت قمراً صناعياً/)
    expect(latest).toContain('2. ارتفاع أسعار النفط مع تراجع المخزونات الأميركية')
    expect(latest).toContain('gulf (دبي)')
    expect(latest).not.toContain('alert')

    const digest = (await send('/digest')).join('\n')
    expect(digest).toContain('الإمارات تطلق قمراً صناعياً جديداً لرصد التغير المناخي')
    expect(digest).toContain('افتتاح معرض الكتاب في الرياض بمشاركة ثلاثين دولة')
    expect(h.api.calls.filter((c) => !c.ok)).toEqual([])
  })

  it('says at once that it is checking, then reports, given /addfeed', async () => {
    await h.bot.handleUpdate(messageUpdate({ text: `/addfeed ${server.url('/atom.xml')} arabnews`, chatId: ADMIN, languageCode: 'en' }))
    expect(h.api.textsTo(ADMIN)).toEqual([
      'Checking the feed "arabnews"… I will report when the first fetch is done.',
      '✅ Feed "arabnews" added and polled on schedule. First fetch: 2 items, 2 new stories.',
    ])
  })

  it('lists each feed with its last success, last error and next attempt, given /feeds', async () => {
    await send(`/addfeed ${server.url('/rss.xml')} gulf`)
    const [failing] = await send(`/addfeed ${server.url('/error.xml')}`)
    expect(failing).toMatch(/^أُضيفت الخلاصة «127\.0\.0\.1» لكن أول جلب فشل: HTTP 500\nالمحاولة التالية \d{4}-\d\d-\d\d \d\d:\d\d UTC/)
    const [list] = await send('/feeds')
    expect(list).toMatch(/^📡 المصادر المتابَعة \(2\)\n\n1\. gulf · أُضيف من المحادثة\nhttp:\/\/127\.0\.0\.1:\d+\/rss\.xml\n✅ آخر جلب ناجح: \d{4}-\d\d-\d\d \d\d:\d\d UTC \(عدد العناصر: 3\)/)
    expect(list).toMatch(/2\. 127\.0\.0\.1 · أُضيف من المحادثة\nhttp:\/\/127\.0\.0\.1:\d+\/error\.xml\n⏳ لم يُجلب بنجاح بعد\n⚠️ آخر خطأ .+ UTC: HTTP 500\n🔁 إخفاقات متتالية: 1؛ المحاولة التالية/)
  })

  it('stops polling a feed and keeps its stories, given /removefeed', async () => {
    await send(`/addfeed ${server.url('/rss.xml')} gulf`)
    expect(await send(`/removefeed ${server.url('/rss.xml')}`)).toEqual(['أُزيلت الخلاصة «gulf» ولن تُجلب بعد الآن. أخبارها المخزنة باقية.'])
    expect(await send('/feeds')).toEqual([ar.feeds.empty])
    expect(h.core.articles.count()).toBe(3)
    expect(await send(`/removefeed ${server.url('/rss.xml')}`)).toEqual([ar.feeds.notFound])
  })

  it('answers with the usage or the reason, given a missing, invalid or repeated URL', async () => {
    expect(await send('/addfeed')).toEqual([ar.feeds.addUsage])
    expect(await send('/removefeed')).toEqual([ar.feeds.removeUsage])
    expect(await send('/addfeed ftp://example.com/feed')).toEqual([ar.feeds.badUrl('ftp://example.com/feed')])
    await send(`/addfeed ${server.url('/rss.xml')}`)
    expect(await send(`/addfeed ${server.url('/rss.xml')}`)).toEqual([ar.feeds.exists(server.url('/rss.xml'))])
  })

  it('refuses and changes nothing, given someone not in ADMIN_IDS', async () => {
    for (const command of ['/feeds', `/addfeed ${server.url('/rss.xml')}`, `/removefeed ${server.url('/rss.xml')}`]) {
      expect(await send(command, 901)).toEqual([ar.chat.adminsOnly])
    }
    expect(await send('/feeds', 902, 'en')).toEqual(['This command is for admins only.'])
    expect(await h.core.feeds.registry.list()).toEqual([])
    expect(server.requests).toEqual([])
  })

  it('answers in English, given an admin whose Telegram is set to English', async () => {
    expect(await send(`/addfeed ${server.url('/atom.xml')} arabnews`, ADMIN, 'en')).toEqual(['✅ Feed "arabnews" added and polled on schedule. First fetch: 2 items, 2 new stories.'])
    expect((await send('/feeds', ADMIN, 'en'))[0]).toMatch(/^📡 Polled feeds \(1\)\n\n1\. arabnews · added in chat\n/)
  })

  it('adds the feeds and the failing ones to /stats, given an admin and a feed answering 500', async () => {
    await send(`/addfeed ${server.url('/rss.xml')} gulf`)
    await send(`/addfeed ${server.url('/error.xml')} broken`)
    const [stats] = await send('/stats', ADMIN, 'en')
    expect(stats).toMatch(/^📊 Khulasa stats\n/)
    expect(stats!.split('\n').slice(-3)).toEqual(['', '📡 Feeds polled: 2, failing now: 1', '• broken: 1 failures in a row (HTTP 500)'])
  })

  it('names the argument that is wrong, given a name over 60 characters or a URL with a password', async () => {
    expect(await send(`/addfeed ${server.url('/rss.xml')} ${'ن'.repeat(61)}`)).toEqual([ar.feeds.badName(60)])
    expect(await send(`/addfeed ${server.url('/rss.xml')} الخليج اليوم`)).toEqual(['✅ أُضيفت الخلاصة «الخليج اليوم» وتُجلب دورياً. أول جلب: عدد العناصر 3، الجديد منها 3.'])
    const port = new URL(server.base).port
    expect(await send(`/addfeed http://admin:s3cret@127.0.0.1:${port}/atom.xml`)).toEqual([ar.feeds.credentials])
    expect(await send(`/addfeed ftp://admin:s3cret@example.com/feed`)).toEqual([ar.feeds.badUrl('ftp://***@example.com/feed')])
    expect(h.api.calls.map((c) => JSON.stringify(c)).join('\n')).not.toContain('s3cret')
    expect((await h.core.feeds.registry.list()).map((f) => f.name)).toEqual(['الخليج اليوم'])
  })

  it('drops the feed it just added, given a feed that redirects to cloud metadata (refused even with FEEDS_ALLOW_PRIVATE)', async () => {
    server.route('/to-metadata', (_req, res) => void res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end())
    expect(await send(`/addfeed ${server.url('/to-metadata')}`)).toEqual([ar.feeds.refused(ar.feeds.failure.address)])
    expect(await h.core.feeds.registry.list()).toEqual([])
  })

  it('names the failure class and quotes nothing of the answer, given a feed that is not XML', async () => {
    server.route('/internal.xml', fileRoute('page.html', 'application/xml'))
    server.route('/plain', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(INTERNAL_SECRET))
    const [reply] = await send(`/addfeed ${server.url('/plain')}`)
    expect(reply).toMatch(new RegExp(`^أُضيفت الخلاصة «127\\.0\\.0\\.1» لكن أول جلب فشل: ${ar.feeds.failure.notFeed}\n`))
    const [list] = await send('/feeds')
    expect(`${reply}${list}`).not.toMatch(/INTERNAL|Char:|db_password/)
  })
})

describe('feedsHandler with FEEDS_ALLOW_PRIVATE off', () => {
  let strict: Harness
  beforeEach(async () => {
    strict = await startHarness({ ADMIN_IDS: String(ADMIN), FEEDS_FILE: '/nonexistent/feeds.json', FEED_TIMEOUT_MS: '1000', FEED_FULL_TEXT: 'true' }, { seed: false })
  })
  afterEach(() => strict.close())

  it('refuses loopback written other ways, private, unique-local and metadata addresses, stores nothing and sends them nothing', async () => {
    const port = new URL(server.base).port
    const urls = [
      `http://127.0.0.1:${port}/rss.xml`, `http://0x7f000001:${port}/rss.xml`, `http://2130706433:${port}/rss.xml`, `http://[::ffff:127.0.0.1]:${port}/rss.xml`,
      'http://169.254.169.254/latest/meta-data/', 'http://10.0.0.1/rss.xml', 'http://[fd00::1]/rss.xml', 'http://metadata.google.internal/computeMetadata/v1/',
    ]
    for (const url of urls) expect(await sendTo(strict, `/addfeed ${url}`), url).toEqual([ar.feeds.refused(ar.feeds.failure.address)])
    expect(await sendTo(strict, `/addfeed http://localhost:${port}/rss.xml`, ADMIN, 'en')).toEqual(['The feed was not added: address not allowed (it points into an internal or private network).'])
    expect(await strict.core.feeds.registry.list()).toEqual([])
    expect(server.requests).toEqual([])
  })

  it('keeps text from internal pages out of /latest and /search, given FEED_FULL_TEXT and a public feed whose item links point inside', async () => {
    const site = await startFeedServer({}, { host: PUBLIC_STAND_IN })
    server.route('/internal', internalPage)
    const sitePort = new URL(site.base).port
    const news = (path: string) => `http://news.example:${sitePort}${path}`
    site.route('/moved', (_req, res) => void res.writeHead(302, { location: server.url('/internal') }).end())
    site.route('/rss.xml', ssrfFeed([server.url('/internal'), `http://intranet.example:${new URL(server.base).port}/internal`, news('/moved')]))
    // The bot's own poller cannot reach the stand-in for the internet; this one, over the same catalogue, can.
    const poller = createFeedPoller({
      config: strict.core.config,
      articles: strict.core.articles,
      store: strict.core.store,
      logger: captureLogger().logger,
      onChanged: async (changed) => { await strict.core.summaries.ensure(changed) },
      now: () => strict.core.clock.now(),
      network: standIn({ 'news.example': [PUBLIC_STAND_IN], 'intranet.example': ['127.0.0.1'] }),
    })
    const outcome = await poller.pollFeed({ url: news('/rss.xml'), name: 'news', language: 'ar' }, { force: true })
    await site.close()
    expect(outcome).toMatchObject({ status: 'ok', report: { added: 3, noFullText: 3 } })
    expect(server.hits('/internal')).toEqual([])

    const [latest] = await sendTo(strict, '/latest 10')
    for (const lead of SSRF_LEADS.slice(0, 3)) expect(latest).toContain(lead.slice(0, 12))
    for (const words of ['db_password', 'hunter2', 'لوحة الإدارة الداخلية']) expect(await sendTo(strict, `/search ${words}`)).toEqual([expect.stringMatching(/^لا نتائج لـ /)])
    const found = await sendTo(strict, '/search الطاقة الشمسية')
    expect(found.join('\n')).toContain('محطة طاقة شمسية')
    expect(`${latest}\n${found.join('\n')}`).not.toMatch(/INTERNAL|db_password|لوحة الإدارة/)
    expect(JSON.stringify([...strict.core.articles.all()])).not.toContain(INTERNAL_SECRET)
  })
})
