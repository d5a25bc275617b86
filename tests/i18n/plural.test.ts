import { describe, expect, it } from 'vitest'
import { ar } from '../../src/i18n/ar.js'
import { en } from '../../src/i18n/en.js'

const COUNTS = [0, 1, 2, 3, 10, 11, 100, 101]

describe('counted nouns', () => {
  it('agrees the Arabic noun with its number in all six categories, given 0, 1, 2, 3, 10, 11, 100 and 101', () => {
    expect(COUNTS.map(ar.counted.otherOutlets)).toEqual(['لا مصادر أخرى', 'مصدر آخر', 'مصدران آخران', '3 مصادر أخرى', '10 مصادر أخرى', '11 مصدراً آخر', '100 مصدر آخر', '101 مصدر آخر'])
    expect(COUNTS.map(ar.counted.stories)).toEqual(['لا أخبار', 'خبر واحد', 'خبران', '3 أخبار', '10 أخبار', '11 خبراً', '100 خبر', '101 خبر'])
    expect(COUNTS.map(ar.counted.similarReports)).toEqual(['0 تقارير مشابهة', 'تقرير مشابه', 'تقريران مشابهان', '3 تقارير مشابهة', '10 تقارير مشابهة', '11 تقريراً مشابهاً', '100 تقرير مشابه', '101 تقرير مشابه'])
  })

  it('says one or many in English beside it, given the same counts', () => {
    expect(COUNTS.map(en.counted.otherOutlets)).toEqual(['0 other outlets', '1 other outlet', '2 other outlets', '3 other outlets', '10 other outlets', '11 other outlets', '100 other outlets', '101 other outlets'])
    expect(COUNTS.map(en.counted.stories)).toEqual(['no stories', '1 story', '2 stories', '3 stories', '10 stories', '11 stories', '100 stories', '101 stories'])
  })

  it('fixes the phrases readers saw wrong, given one and two other outlets', () => {
    expect(ar.story.moreOutlets(1)).toBe('ومصدر آخر')
    expect(ar.story.moreOutlets(2)).toBe('ومصدران آخران')
    expect(ar.related.similar(3)).toBe('و3 تقارير مشابهة')
    expect(ar.latest.header(2)).toBe('📰 آخر خبرين')
    expect(ar.latest.header(11)).toBe('📰 آخر 11 خبراً')
    expect(ar.follow.full(20)).toBe('قائمتك ممتلئة (20 موضوعاً). أزل موضوعاً بـ /unfollow أولاً.')
  })
})
