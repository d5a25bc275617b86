import { describe, expect, it } from 'vitest'
import { FeedFormatProblem, parseFeed } from '../../src/feeds/parse-feed.js'
import { fixture } from './feed-server.js'

const base = 'http://127.0.0.1:1'

describe('parseFeed', () => {
  it('reads title, link, +0400 date, author and HTML description, given RSS 2.0', async () => {
    const feed = await parseFeed(fixture('rss-2.0.xml', base), 'application/rss+xml')
    expect(feed.title).toBe('أخبار الخليج - الأخبار العاجلة')
    expect(feed.items).toHaveLength(3)
    expect(feed.items[0]).toMatchObject({
      title: 'الإمارات تطلق قمراً صناعياً جديداً لرصد التغير المناخي',
      link: `${base}/ar/science/2026/11/28/uae-climate-satellite.html?utm_source=rss&utm_medium=feed&utm_campaign=daily`,
      guid: 'gulf-10231',
      publishedAt: '2026-11-28T17:35:43.000Z',
      author: 'دبي - سارة المنصوري',
      html: expect.stringContaining('<p>أطلقت <b>الإمارات</b>'),
    })
    expect(feed.items[1]!.html).toMatch(/^<p>ارتفعت أسعار النفط/)
  })

  it('reads entries with published time, author name and html content, given Atom', async () => {
    const feed = await parseFeed(fixture('atom.xml', base), 'application/atom+xml')
    expect(feed.items.map((i) => [i.link, i.publishedAt, i.author])).toEqual([
      [`${base}/news/economy/oil-up-after-us-stocks-fall`, '2026-11-28T16:10:00.000Z', 'وكالات'],
      [`${base}/news/sport/saudi-japan-qualifier`, '2026-11-28T19:45:00.000Z', 'جدة - فهد الزهراني'],
    ])
    expect(feed.items[1]!.html).toContain('<p>وبهذا الفوز يتصدر الأخضر مجموعته.</p>')
  })

  it('says it is an HTML page, given a web page where a feed was expected', async () => {
    await expect(parseFeed(fixture('page.html', base), 'text/html; charset=utf-8')).rejects.toThrow(/^not a feed: served an HTML page; is the URL the site/)
  })

  it('says the XML is invalid, given a truncated feed', async () => {
    const error = await parseFeed(fixture('invalid.xml', base), 'application/rss+xml').catch((e: Error) => e)
    expect(error).toBeInstanceOf(FeedFormatProblem)
    expect((error as Error).message).toBe('not a feed: invalid XML')
  })

  it('quotes nothing of the document, given a page whose first bytes the parser would quote («Char: I»)', async () => {
    const error = await parseFeed('INTERNAL-ONLY: db_password=hunter2', 'text/plain').catch((e: Error) => e)
    expect((error as Error).message).toBe('not a feed: invalid XML')
  })

  it('says it is no feed, given well-formed XML of another kind', async () => {
    await expect(parseFeed('<?xml version="1.0"?><sitemap><url>x</url></sitemap>', 'application/xml')).rejects.toThrow(/^not a feed: neither RSS nor Atom$/)
  })
})
