import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { messagesFor } from '../../src/i18n/messages.js'
import { startFeedServer, type FeedServer } from '../feeds/feed-server.js'
import { startHarness, type Harness } from '../helpers/bot-harness.js'
import { messageUpdate } from '../helpers/updates.js'

const ADMIN = 900
const ar = messagesFor('ar')
let h: Harness
let server: FeedServer
beforeEach(async () => {
  server = await startFeedServer()
  h = await startHarness({ ADMIN_IDS: String(ADMIN), FEEDS_FILE: '/nonexistent/feeds.json', FEED_TIMEOUT_MS: '1000' }, { seed: false })
})
afterEach(async () => {
  await h.close()
  await server.close()
})

const send = async (text: string, chatId = ADMIN, languageCode = 'ar') => {
  const before = h.api.textsTo(chatId).length
  await h.bot.handleUpdate(messageUpdate({ text, chatId, languageCode }))
  return h.api.textsTo(chatId).slice(before).map((t) => t.replace(/[\u2066-\u2069]/g, ''))
}

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

  it('lists each feed with its last success, last error and next attempt, given /feeds', async () => {
    await send(`/addfeed ${server.url('/rss.xml')} gulf`)
    const [failing] = await send(`/addfeed ${server.url('/error.xml')}`)
    expect(failing).toMatch(/^أُضيفت الخلاصة «127\.0\.0\.1» لكن أول جلب فشل: HTTP 500 Internal Server Error\nالمحاولة التالية \d{4}-\d\d-\d\d \d\d:\d\d UTC/)
    const [list] = await send('/feeds')
    expect(list).toMatch(/^📡 المصادر المتابَعة \(2\)\n\n1\. gulf · أُضيف من المحادثة\nhttp:\/\/127\.0\.0\.1:\d+\/rss\.xml\n✅ آخر جلب ناجح: \d{4}-\d\d-\d\d \d\d:\d\d UTC \(عدد العناصر: 3\)/)
    expect(list).toMatch(/2\. 127\.0\.0\.1 · أُضيف من المحادثة\nhttp:\/\/127\.0\.0\.1:\d+\/error\.xml\n⏳ لم يُجلب بنجاح بعد\n⚠️ آخر خطأ .+ UTC: HTTP 500 Internal Server Error\n🔁 إخفاقات متتالية: 1؛ المحاولة التالية/)
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
    expect(stats!.split('\n').slice(-3)).toEqual(['', '📡 Feeds polled: 2, failing now: 1', '• broken: 1 failures in a row (HTTP 500 Internal Server Error)'])
  })
})
