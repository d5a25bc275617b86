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
    expect(own.size()).toEqual({ urls: 0, hashes: 0, headlines: 0, postings: 0 })
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

  it('matches by its rarer words, given its other headline words are in over 500 headlines that day', () => {
    const idx = createDedupIndex()
    const at = '2026-11-28T10:00:00.000Z'
    for (let i = 0; i < 600; i++) idx.add(makeArticle({ title: `خبر${i} سوريا دمشق حلب`, url: `https://a.example/${i}`, publishedAt: at }))
    const summit = makeArticle({ title: 'قمة سوريا دمشق حلب الكبرى', url: 'https://a.example/summit', publishedAt: at })
    idx.add(summit)
    expect(idx.find(makeArticle({ title: 'قمة سوريا دمشق حلب', publishedAt: at }))).toEqual({ id: summit.id, by: 'title', similarity: 0.8 })
  })

  it('gives the tie to the story met first in headline order, given two stories as similar and the first word common', () => {
    const idx = createDedupIndex()
    const at = '2026-11-28T10:00:00.000Z'
    const q = ['مجلس', 'الأمن', 'يناقش', 'قرار', 'الهدنة', 'غزة', 'اليوم']
    const later = makeArticle({ title: [...q.slice(1), 'مساء'].join(' '), publishedAt: at })
    const first = makeArticle({ title: [...q.slice(0, 6), 'غدا'].join(' '), publishedAt: at })
    idx.add(later)
    for (let i = 0; i < 10; i++) idx.add(makeArticle({ title: `مجلس بلدي${i} يجتمع${i} حول${i}`, publishedAt: at }))
    idx.add(first)
    expect(idx.find(makeArticle({ title: q.join(' '), publishedAt: at }))).toEqual({ id: first.id, by: 'title', similarity: 0.75 })
  })

  it('forgets every headline word, given stories past retention, those of a word in over 500 headlines that day included', () => {
    const idx = createDedupIndex()
    const stories = Array.from({ length: 600 }, (_, i) => makeArticle({ title: `خبر${i} سوريا دمشق حلب`, url: `https://a.example/${i}`, publishedAt: '2026-11-28T10:00:00.000Z' }))
    for (const story of stories) idx.add(story)
    expect(idx.size().postings).toBe(603)
    idx.remove(stories.slice(0, 300).map((s) => s.id))
    expect(idx.size().postings).toBe(303)
    idx.remove(stories.slice(300).map((s) => s.id))
    expect(idx.size()).toEqual({ urls: 0, hashes: 0, headlines: 0, postings: 0 })
  })
})
