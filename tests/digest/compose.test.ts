import { describe, expect, it } from 'vitest'
import { formatDigest, oneLine, rankStories, selectStories } from '../../src/digest/compose.js'
import { ar } from '../../src/i18n/ar.js'
import { en } from '../../src/i18n/en.js'
import { makeArticle } from '../helpers/core.js'

const hour = 3600_000
const at = (h: number) => new Date(Date.parse('2026-11-29T00:00:00Z') + h * hour).toISOString()

describe('rankStories', () => {
  it('puts the newer story first, given equal reach and category', () => {
    const old = makeArticle({ title: 'قديم', publishedAt: at(0) })
    const fresh = makeArticle({ title: 'جديد', publishedAt: at(10) })
    expect(rankStories([old, fresh]).map((s) => s.article.title)).toEqual(['جديد', 'قديم'])
  })

  it('lifts a story carried by several outlets above a slightly newer one', () => {
    const wide = makeArticle({ title: 'واسع', publishedAt: at(8), outlets: ['a', 'b', 'c', 'd'] })
    const narrow = makeArticle({ title: 'ضيق', publishedAt: at(10) })
    expect(rankStories([narrow, wide])[0]!.article.title).toBe('واسع')
  })

  it('lifts regional news above sport of the same age', () => {
    const sport = makeArticle({ title: 'رياضة', publishedAt: at(5), category: 'sport' })
    const region = makeArticle({ title: 'منطقة', publishedAt: at(5), category: 'middleEast' })
    expect(rankStories([sport, region])[0]!.article.title).toBe('منطقة')
  })
})

describe('selectStories', () => {
  const stories = Array.from({ length: 12 }, (_, i) => makeArticle({ title: `خبر ${i}`, publishedAt: at(i), firstSeenAt: at(i), category: i % 2 ? 'sport' : 'economy' }))
  const ranked = rankStories(stories)

  it('takes at most size stories first seen after the previous digest and never one sent before', () => {
    const picked = selectStories(ranked, { after: Date.parse(at(3)), exclude: new Set([stories[11]!.id]), size: 5 })
    expect(picked).toHaveLength(5)
    for (const a of picked) {
      expect(Date.parse(a.firstSeenAt)).toBeGreaterThan(Date.parse(at(3)))
      expect(a.id).not.toBe(stories[11]!.id)
    }
  })

  it('mixes categories instead of taking the top ones of one, given a tie-breaking penalty', () => {
    const picked = selectStories(ranked, { after: 0, exclude: new Set(), size: 4 })
    expect(new Set(picked.map((a) => a.category)).size).toBe(2)
  })

  it('returns nothing, given no story after the cutoff', () => {
    expect(selectStories(ranked, { after: Date.parse(at(100)), exclude: new Set(), size: 8 })).toEqual([])
  })
})

describe('formatDigest', () => {
  it('writes a header, numbered headlines with one line each, and related/more buttons per story', () => {
    const stories = [makeArticle({ title: 'خبر أول', url: 'https://example.com/1' }), makeArticle({ title: 'خبر ثان' })]
    const [part, ...rest] = formatDigest(stories, ['الجملة الأولى. الجملة الثانية.', undefined], ar, '2026-11-29')
    expect(rest).toEqual([])
    expect(part!.text).toMatch(/^<b>🗞️ نشرة خلاصة — 2026-11-29 \(خبران\)<\/b>\n\n<b>1\. خبر أول<\/b>\nالجملة الأولى\.\n\n<b>2\. خبر ثان<\/b>$/)
    expect(part!.replyMarkup!.inline_keyboard).toEqual([
      [{ text: '1 · ذات صلة', callback_data: `dg:rel:${stories[0]!.id}` }, { text: '1 · المزيد', url: 'https://example.com/1' }],
      [{ text: '2 · ذات صلة', callback_data: `dg:rel:${stories[1]!.id}` }, { text: '2 · المزيد', callback_data: `dg:more:${stories[1]!.id}` }],
    ])
  })

  it('splits between stories under 4096 characters, each part with its own buttons, given 30 long stories', () => {
    const stories = Array.from({ length: 30 }, (_, i) => makeArticle({ title: `عنوان طويل جداً رقم ${i} `.repeat(8) }))
    const parts = formatDigest(stories, stories.map(() => 'جملة طويلة من الخلاصة '.repeat(12)), en, '2026-11-29')
    expect(parts.length).toBeGreaterThan(1)
    let seen = 0
    for (const part of parts) {
      expect(part.text.length).toBeLessThanOrEqual(4096)
      const numbers = [...part.text.matchAll(/<b>(\d+)\. /g)].map((m) => Number(m[1]))
      expect(part.replyMarkup!.inline_keyboard.map((row) => row[0]!.text)).toEqual(numbers.map((n) => `${n} · related`))
      seen += numbers.length
    }
    expect(seen).toBe(30)
  })
})

describe('oneLine', () => {
  it('keeps only the first sentence, cut to one line', () => {
    expect(oneLine('قال الوزير إن الاتفاق قريب. وأضاف أن التفاصيل لاحقاً.')).toBe('قال الوزير إن الاتفاق قريب.')
    expect(oneLine('كلمة '.repeat(100))!.length).toBeLessThanOrEqual(221)
  })
})
