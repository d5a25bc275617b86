import { describe, expect, it } from 'vitest'
import { canonicalUrl, urlKey } from '../../src/feeds/canonical-url.js'

describe('canonicalUrl', () => {
  it('drops tracking parameters and the fragment and sorts the rest, given a shared link', () => {
    expect(canonicalUrl('https://WWW.Example.com/a/b.html?utm_source=rss&id=7&fbclid=x&utm_medium=feed&a=1#comments'))
      .toBe('https://www.example.com/a/b.html?a=1&id=7')
  })

  it('resolves a relative link against the feed, given an item link like /news/1', () => {
    expect(canonicalUrl('/news/1?gclid=abc', 'https://example.com/rss.xml')).toBe('https://example.com/news/1')
  })

  it('percent-encodes an Arabic path the same way, given the raw and the encoded form', () => {
    const raw = canonicalUrl('http://www.alarabiya.net/ar/2018/02/18/هكذا-تحالفت.html')
    expect(raw).toBe(canonicalUrl('http://www.alarabiya.net/ar/2018/02/18/%D9%87%D9%83%D8%B0%D8%A7-%D8%AA%D8%AD%D8%A7%D9%84%D9%81%D8%AA.html'))
  })

  it('returns undefined, given no link, a javascript: link or text that is not a URL', () => {
    expect(canonicalUrl(undefined)).toBeUndefined()
    expect(canonicalUrl('javascript:alert(1)')).toBeUndefined()
    expect(canonicalUrl('not a url')).toBeUndefined()
  })
})

describe('urlKey', () => {
  it('matches http and https, www. and a trailing slash, given the same page written four ways', () => {
    const keys = ['http://example.com/a/', 'https://www.example.com/a', 'https://example.com/a?utm_campaign=x', 'HTTPS://EXAMPLE.COM/a#top'].map(urlKey)
    expect(new Set(keys)).toEqual(new Set(['example.com/a']))
  })

  it('keeps pages apart, given different query parameters that are not tracking', () => {
    expect(urlKey('https://example.com/article?id=1')).not.toBe(urlKey('https://example.com/article?id=2'))
  })
})
