import { describe, expect, it } from 'vitest'
import { digestLine, oneLine, rankStories, selectStories } from '../../src/digest/compose.js'
import type { Summary } from '../../src/summarize/summary-store.js'
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

describe('oneLine', () => {
  it('keeps only the first sentence, cut to one line', () => {
    expect(oneLine('قال الوزير إن الاتفاق قريب. وأضاف أن التفاصيل لاحقاً.')).toBe('قال الوزير إن الاتفاق قريب.')
    // A run of words with no clause to cut at stays whole rather than ending mid-sentence.
    expect(oneLine('كلمة '.repeat(100))).not.toMatch(/…$/)
  })
})

describe('digestLine', () => {
  const summary: Summary = { short: 'قال الوزير إن الاتفاق قريب. وأضاف أن التفاصيل لاحقاً.', long: '', digest: '', method: 'extractive', createdAt: '2026-11-29T08:00:00Z' }

  it('prefers the summarizer\'s own digest line, given a summary that has one', () => {
    expect(digestLine({ ...summary, digest: 'وقّع البلدان الاتفاق بعد عامين من التفاوض.' })).toBe('وقّع البلدان الاتفاق بعد عامين من التفاوض.')
  })

  it('falls back to the first sentence of the short summary, given none or an empty one', () => {
    expect(digestLine(summary)).toBe('قال الوزير إن الاتفاق قريب.')
    expect(digestLine({ ...summary, digest: ' ' })).toBe('قال الوزير إن الاتفاق قريب.')
    expect(digestLine(undefined)).toBeUndefined()
  })
})
