import { describe, expect, it } from 'vitest'
import { ar } from '../../src/i18n/ar.js'
import { en } from '../../src/i18n/en.js'
import { addTopic, categoryFromName, countTopics, matchesFilters, MAX_TOPICS, NO_FILTERS, parseTopic, removeTopic, type Topic } from '../../src/search/filters.js'
import { makeArticle } from '../helpers/core.js'

const NAMES = [ar.topics.names, en.topics.names]
const keyword = (text: string): Topic => {
  const parsed = parseTopic(text, NAMES, [])
  if (!('topic' in parsed)) throw new Error(parsed.error)
  return parsed.topic
}

const russia = makeArticle({ title: 'الحكومة الروسية تعلن خطة جديدة', category: 'internationalNews', section: 'أوروبا' })
const football = makeArticle({ title: 'الهلال يفوز في مباراة كرة القدم', category: 'sport' })
const market = makeArticle({ title: 'أسعار النفط ترتفع', category: 'economy' })

describe('matchesFilters', () => {
  it('passes every story, given no filters', () => {
    expect([russia, football, market].every((a) => matchesFilters(a, NO_FILTERS))).toBe(true)
    expect(matchesFilters(russia, undefined)).toBe(true)
  })

  it('keeps only followed topics, given a followed keyword in another word form', () => {
    const filters = { follow: [keyword('روسيا')], mute: [] }
    expect(matchesFilters(russia, filters)).toBe(true)
    expect(matchesFilters(football, filters)).toBe(false)
  })

  it('hides muted topics even when followed ones match, given /mute كرة', () => {
    const filters = { follow: [{ kind: 'category', key: 'sport', label: 'sport' } as Topic], mute: [keyword('كرة')] }
    expect(matchesFilters(football, filters)).toBe(false)
    expect(matchesFilters(market, { follow: [], mute: [keyword('كرة')] })).toBe(true)
  })

  it('matches the merged news class on either of its categories', () => {
    const news: Topic = { kind: 'category', key: 'news', label: 'news' }
    expect(matchesFilters(russia, { follow: [news], mute: [] })).toBe(true)
    expect(matchesFilters(market, { follow: [news], mute: [] })).toBe(false)
  })

  it('leaves out unlabelled stories, given a followed category', () => {
    const unsure = makeArticle({ title: 'الهلال يفوز في مباراة كرة القدم', category: undefined })
    const sport: Topic = { kind: 'category', key: 'sport', label: 'sport' }
    expect(matchesFilters(unsure, { follow: [sport], mute: [] })).toBe(false)
    expect(matchesFilters(unsure, { follow: [], mute: [sport] })).toBe(true)
    expect(matchesFilters(unsure, { follow: [keyword('كرة')], mute: [] })).toBe(true)
  })

  it('matches a story the classifier labelled «news» on the merged class only, not on either side', () => {
    const politics = makeArticle({ title: 'مجلس الأمن يجتمع', category: 'news' })
    const follow = (key: string): Topic => ({ kind: 'category', key, label: key })
    expect(matchesFilters(politics, { follow: [follow('news')], mute: [] })).toBe(true)
    expect(matchesFilters(politics, { follow: [follow('middleEast')], mute: [] })).toBe(false)
    expect(matchesFilters(politics, { follow: [follow('internationalNews')], mute: [] })).toBe(false)
  })

  it('treats regex-looking input as plain words, given .* and (a+)+$', () => {
    const parsed = parseTopic('.*', NAMES, [])
    expect(parsed).toEqual({ error: 'noWords' })
    const evil = keyword('(ab+)+$ روسيا')
    expect(evil.key.split(' ')).toEqual(['ab', 'روس'])
    expect(matchesFilters(russia, { follow: [evil], mute: [] })).toBe(false)
  })
})

describe('parseTopic', () => {
  it('recognises categories by hashtag or name in both languages', () => {
    expect(categoryFromName('#رياضة', NAMES)).toBe('sport')
    expect(categoryFromName('#شؤون_عربية', NAMES)).toBe('middleEast')
    expect(categoryFromName('#علوم_وصحة_وتقنية', NAMES)).toBe('technology')
    expect(categoryFromName('Science, health & tech', NAMES)).toBe('technology')
  })

  it('takes the outlet\'s name «الشرق الأوسط» for no category', () => {
    expect(categoryFromName('#الشرق_الأوسط', NAMES)).toBeUndefined()
    expect(categoryFromName('economy', NAMES)).toBe('economy')
    expect(categoryFromName('#Sport', NAMES)).toBe('sport')
    expect(categoryFromName('#غير_موجود', NAMES)).toBeUndefined()
  })

  it('recognises a known section, given أوروبا', () => {
    expect(parseTopic('أوروبا', NAMES, ['أوروبا'])).toEqual({ topic: { kind: 'section', key: 'اوروبا', label: 'أوروبا' } })
  })

  it('refuses empty, too long and stopword-only topics', () => {
    expect(parseTopic('  ', NAMES, [])).toEqual({ error: 'empty' })
    expect(parseTopic('ك'.repeat(65), NAMES, [])).toEqual({ error: 'tooLong' })
    expect(parseTopic('في من', NAMES, [])).toEqual({ error: 'noWords' })
  })
})

describe('addTopic / removeTopic', () => {
  it('moves a followed topic to the muted list, and refuses duplicates and overflow', () => {
    const t = keyword('روسيا')
    const followed = addTopic(NO_FILTERS, 'follow', t)
    expect(followed.outcome).toBe('added')
    expect(addTopic(followed.filters, 'follow', t).outcome).toBe('already')
    const muted = addTopic(followed.filters, 'mute', t)
    expect(muted.filters).toEqual({ follow: [], mute: [t] })
    expect(removeTopic(muted.filters, t)).toEqual({ filters: NO_FILTERS, outcome: 'removed' })
    expect(removeTopic(NO_FILTERS, t).outcome).toBe('notFound')
    const full = { follow: Array.from({ length: MAX_TOPICS }, (_, i) => ({ kind: 'keyword' as const, key: `k${i}`, label: `k${i}` })), mute: [] }
    expect(addTopic(full, 'mute', t).outcome).toBe('full')
  })
})

describe('countTopics', () => {
  it('counts categories, the merged class and sections', () => {
    const counts = countTopics([russia, football, market])
    expect(counts.categories).toMatchObject({ sport: 1, economy: 1, internationalNews: 1, news: 1, culture: 0 })
    expect(counts.sections).toEqual([['أوروبا', 1]])
    expect(counts.total).toBe(3)
  })

  it('counts «news»-labelled stories under the merged class and unlabelled ones under none', () => {
    const counts = countTopics([makeArticle({ title: 'مجلس الأمن يجتمع', category: 'news' }), makeArticle({ title: 'خبر', category: undefined })])
    expect(counts.categories).toMatchObject({ news: 1, middleEast: 0, internationalNews: 0, sport: 0 })
    expect(counts.total).toBe(2)
  })
})
