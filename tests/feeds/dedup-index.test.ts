import { describe, expect, it } from 'vitest'
import { contentHash, createDedupIndex } from '../../src/feeds/dedup-index.js'
import { makeArticle } from '../helpers/core.js'

const body = 'ارتفعت أسعار النفط في تعاملات السبت بعد أن أظهرت بيانات رسمية تراجع المخزونات الأميركية من الخام للأسبوع الثالث على التوالي.'

describe('createDedupIndex', () => {
  const stored = makeArticle({ title: 'ارتفاع أسعار النفط مع تراجع المخزونات الأميركية', url: 'https://a.example/oil', paragraphs: [body], publishedAt: '2026-11-28T15:05:00.000Z' })
  const index = createDedupIndex()
  index.add(stored)

  it('forgets a story by link, text and headline, given it left the catalogue (retention)', () => {
    const gone = makeArticle({ title: 'افتتاح معرض الرياض الدولي للكتاب بمشاركة واسعة', url: 'https://a.example/fair', paragraphs: [body.replace('النفط', 'الذهب')], publishedAt: '2026-11-28T15:05:00.000Z' })
    const own = createDedupIndex()
    own.add(gone)
    const again = { ...gone, id: 'another-id' }
    expect(own.find(again)).toEqual({ id: gone.id, by: 'url' })
    own.remove([gone.id])
    expect(own.find(again)).toBeUndefined()
    expect(own.find({ ...again, url: undefined })).toBeUndefined()
    expect(own.size()).toEqual({ urls: 0, hashes: 0, headlines: 0 })
  })

  it('matches by canonical URL, given the same link with tracking parameters', () => {
    expect(index.find(makeArticle({ title: 'عنوان آخر تماماً لا يشبه الأول', url: 'http://www.a.example/oil?utm_source=x' }))).toEqual({ id: stored.id, by: 'url' })
  })

  it('matches by text, given another link and headline with the same text in other markup and diacritics', () => {
    const copy = makeArticle({ title: 'النفط يصعد', url: 'https://b.example/1', paragraphs: [body.replace('أسعار', 'أَسعارُ'), ''] })
    expect(index.find(copy)).toEqual({ id: stored.id, by: 'hash' })
  })

  it('matches by headline, given a near-identical headline a few hours later', () => {
    const near = makeArticle({ title: 'ارتفاع أسعار النفط بعد تراجع المخزونات الأميركية', url: 'https://c.example/2', paragraphs: ['نص مختلف'], publishedAt: '2026-11-28T20:00:00.000Z' })
    expect(index.find(near)).toMatchObject({ id: stored.id, by: 'title', similarity: 0.75 })
  })

  it('keeps stories apart, given the same headline a week later or a different headline', () => {
    expect(index.find(makeArticle({ title: 'ارتفاع أسعار النفط مع تراجع المخزونات الأميركية', url: 'https://d.example/3', paragraphs: ['نص'], publishedAt: '2026-12-05T15:00:00.000Z' }))).toBeUndefined()
    expect(index.find(makeArticle({ title: 'تراجع أسعار الذهب مع صعود الدولار الأميركي', url: 'https://d.example/4', paragraphs: ['نص'], publishedAt: '2026-11-28T15:00:00.000Z' }))).toBeUndefined()
  })

  it('does not match on a short headline or a teaser text, given «عاجل» and «اقرأ المزيد»', () => {
    const idx = createDedupIndex()
    idx.add(makeArticle({ title: 'عاجل', paragraphs: ['اقرأ المزيد'] }))
    expect(idx.find(makeArticle({ title: 'عاجل', paragraphs: ['اقرأ المزيد'] }))).toBeUndefined()
    expect(contentHash({ paragraphs: ['اقرأ المزيد'] })).toBeUndefined()
  })
})
