import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { checkFeedSpec, loadFeedsFile, mergeFeedLists, parseFeedsEnv } from '../../src/feeds/feed-list.js'

const file = (content: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'khulasa-feeds-')), 'feeds.json')
  writeFileSync(path, content)
  return path
}

describe('parseFeedsEnv', () => {
  it('reads url|name|language|section entries and fills defaults, given FEEDS', () => {
    expect(parseFeedsEnv('https://www.alarabiya.net/rss.xml|alarabia|ar|اقتصاد, https://www.example.com/atom')).toEqual([
      { url: 'https://www.alarabiya.net/rss.xml', name: 'alarabia', language: 'ar', section: 'اقتصاد' },
      { url: 'https://www.example.com/atom', name: 'example.com', language: 'ar' },
    ])
  })

  it('returns no feeds, given an empty FEEDS', () => {
    expect(parseFeedsEnv(' ')).toEqual([])
  })

  it('names the bad entry, given a URL that is not http(s)', () => {
    expect(() => parseFeedsEnv('https://ok.example/rss, ftp://bad.example/rss')).toThrow('feed "ftp://bad.example/rss": expected an http:// or https:// URL')
  })

  it('refuses a URL with a user name and password and shows it masked, given FEEDS', () => {
    const error = (() => {
      try { parseFeedsEnv('https://admin:s3cret@a.example/rss|a') }
      catch (e) { return e as Error }
    })()
    expect(error?.message).toBe('feed "https://***@a.example/rss|a": a feed URL cannot carry a user name or password: feeds are fetched without them')
  })
})

describe('checkFeedSpec', () => {
  it('names the wrong argument, given a bad URL, credentials or a name over 60 characters', () => {
    expect(checkFeedSpec({ url: 'ftp://a.example/rss' })).toEqual({ problem: 'url' })
    expect(checkFeedSpec({ url: 'https://user@a.example/rss' })).toEqual({ problem: 'credentials' })
    expect(checkFeedSpec({ url: 'https://a.example/rss', name: 'ن'.repeat(61) })).toEqual({ problem: 'name' })
    expect(checkFeedSpec({ url: 'https://a.example/rss', name: 'ن'.repeat(60) })).toEqual({ spec: { url: 'https://a.example/rss', name: 'ن'.repeat(60), language: 'ar' } })
  })
})

describe('loadFeedsFile', () => {
  it('reads the JSON list, given feeds.json', async () => {
    const path = file(JSON.stringify([{ url: 'https://a.example/rss', name: 'a', language: 'en', section: 'World' }, { url: 'https://b.example/feed' }]))
    expect(await loadFeedsFile(path)).toEqual([
      { url: 'https://a.example/rss', name: 'a', language: 'en', section: 'World' },
      { url: 'https://b.example/feed', name: 'b.example', language: 'ar' },
    ])
  })

  it('returns no feeds, given no file', async () => {
    expect(await loadFeedsFile('/nonexistent/feeds.json')).toEqual([])
  })

  it('says what is wrong and where, given broken JSON or a bad entry', async () => {
    await expect(loadFeedsFile(file('[{"url": '))).rejects.toThrow(/feeds\.json: not valid JSON/)
    await expect(loadFeedsFile(file('[{"url": "https://a.example/rss"}, {"url": "nope"}]'))).rejects.toThrow(/feeds\.json: entry 1\.url: expected an http:\/\/ or https:\/\/ URL/)
  })
})

describe('mergeFeedLists', () => {
  it('keeps the first of two entries with one URL, given FEEDS and feeds.json both listing it', () => {
    const merged = mergeFeedLists(parseFeedsEnv('https://a.example/rss|first'), parseFeedsEnv('https://a.example/rss|second, https://b.example/rss'))
    expect(merged.map((f) => f.name)).toEqual(['first', 'b.example'])
  })
})

describe('configSchema feed settings', () => {
  it('has defaults, given no feed variables', () => {
    expect(loadConfig({})).toMatchObject({ FEEDS: '', FEEDS_FILE: 'feeds.json', FEED_INTERVAL: '*/15 * * * *', FEED_TIMEOUT_MS: 15000, FEED_MAX_KB: 5120, FEED_BACKOFF_MAX_MINUTES: 360, FEED_FULL_TEXT: false, FEEDS_ALLOW_PRIVATE: false })
  })

  it.each([
    ['FEED_INTERVAL', 'every 5 minutes', 'Invalid FEED_INTERVAL="every 5 minutes": expected a cron expression such as */15 * * * * (every 15 minutes)'],
    ['FEEDS', 'rss.xml', 'Invalid FEEDS="rss.xml": feed "rss.xml": expected an http:// or https:// URL'],
    ['FEED_FULL_TEXT', 'maybe', 'Invalid FEED_FULL_TEXT="maybe": expected true or false'],
  ])('names the variable and the expected form, given %s=%s', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(message)
  })
})
