import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PUBLIC_STAND_IN, standIn } from '../net/stand-in.js'
import { startFeedServer, type FeedServer } from './feed-server.js'
import { pollerHarness } from './poller-harness.js'
import { INTERNAL_SECRET, internalPage, SSRF_LEADS, ssrfFeed } from './ssrf-fixture.js'

let local: FeedServer
let site: FeedServer
beforeEach(async () => {
  local = await startFeedServer({ '/internal': internalPage })
  site = await startFeedServer({}, { host: PUBLIC_STAND_IN })
})
afterEach(async () => {
  await local.close()
  await site.close()
})

const port = (server: FeedServer) => new URL(server.base).port

describe('createFeedPoller behind the guarded client', () => {
  it('refuses a feed on 127.0.0.1 with one warning and sends it nothing, given FEEDS_ALLOW_PRIVATE off', async () => {
    const h = await pollerHarness({ FEEDS: `${local.url('/rss.xml')}|local`, FEEDS_ALLOW_PRIVATE: false })
    const outcome = (await h.poller.pollDue()).get(local.url('/rss.xml'))
    expect(outcome).toMatchObject({ status: 'failed', error: 'address not allowed (loopback)', failures: 1 })
    expect(h.log.lines().filter((l) => l.level >= 40).map((l) => l.msg)).toEqual([expect.stringMatching(/^feed local: address not allowed \(loopback\); next attempt in 5 min/)])
    expect(local.requests).toEqual([])
    expect(h.stories()).toEqual([])
  })

  it('fetches none of the internal pages an item links to and keeps their descriptions, given FEED_FULL_TEXT and a feed on a public host', async () => {
    const network = standIn({ 'news.example': [PUBLIC_STAND_IN], 'intranet.example': ['127.0.0.1'] })
    const news = (path: string) => `http://news.example:${port(site)}${path}`
    site.route('/moved', (_req, res) => void res.writeHead(302, { location: local.url('/internal') }).end())
    site.route('/rss.xml', ssrfFeed([local.url('/internal'), `http://intranet.example:${port(local)}/internal`, news('/moved'), 'http://[::ffff:127.0.0.1]:1/internal']))
    const h = await pollerHarness({ FEEDS: `${news('/rss.xml')}|news`, FEED_FULL_TEXT: true, FEEDS_ALLOW_PRIVATE: false }, undefined, network)

    const outcome = (await h.poller.pollDue()).get(news('/rss.xml'))
    expect(outcome).toMatchObject({ status: 'ok', report: { items: 4, added: 4, noFullText: 4, noFullTextReason: expect.stringMatching(/^address not allowed \(loopback/) } })
    expect(local.requests).toEqual([])
    expect(site.hits('/moved')).toHaveLength(1)
    expect(h.stories()).toHaveLength(4)
    expect(h.stories().map((s) => s.paragraphs.join('\n').slice(0, 20))).toEqual(SSRF_LEADS)
    expect(JSON.stringify(h.stories())).not.toContain(INTERNAL_SECRET)
    expect(h.log.text()).not.toContain('db_password')
  })
})
