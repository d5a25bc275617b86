import { describe, expect, it } from 'vitest'
import { analyze } from '../../src/search/analyzer.js'
import { createSearchIndex } from '../../src/search/search-index.js'
import { createTopicClassifier, loadTopicModel } from '../../src/search/topic-model.js'
import { makeArticle } from '../helpers/core.js'
import { searchFixtures } from './fixtures.js'

describe('createSearchIndex', () => {
  it('finds stories by another form of the word, given الحكومات for الحكومة', () => {
    const f = searchFixtures()
    const index = createSearchIndex()
    index.add(Object.values(f))
    const found = index.search('الحكومات', 10)
    expect(found).toContain(f.russiaA!.id)
    expect(found).toContain(f.russiaB!.id)
    expect(found).not.toContain(f.sportA!.id)
  })

  it('forgets a removed story and its words, and reuses its slot, given retention taking stories out', () => {
    const f = searchFixtures()
    const index = createSearchIndex()
    index.add(Object.values(f))
    const size = index.size()
    index.remove([f.russiaA!.id, f.russiaB!.id, f.russiaOld!.id])
    expect(index.search('الحكومات', 10)).toEqual([])
    expect(index.size()).toBe(size - 3)
    expect(index.get(f.russiaA!.id)).toBeUndefined()
    for (const stem of analyze('الحكومة الروسية')) expect(index.docFrequency(stem)).toBe(0)
    index.add([f.russiaA!])
    expect(index.search('الحكومات', 10)).toEqual([f.russiaA!.id])
  })

  it('answers a repeated query from its last answer until the index changes, given an add and a removal between', () => {
    const f = searchFixtures()
    const index = createSearchIndex()
    index.add([f.russiaA!])
    const first = index.search('الحكومات', 10)
    expect(index.search('الحكومات', 10)).toBe(first)
    index.add([f.russiaB!])
    expect(index.search('الحكومات', 10)).toEqual(expect.arrayContaining([f.russiaA!.id, f.russiaB!.id]))
    index.remove([f.russiaA!.id])
    expect(index.search('الحكومات', 10)).toEqual([f.russiaB!.id])
  })

  it('returns nothing, given only stopwords or emoji', () => {
    const index = createSearchIndex()
    index.add(Object.values(searchFixtures()))
    expect(index.search('في من على', 10)).toEqual([])
    expect(index.search('😀🔥', 10)).toEqual([])
  })

  it('pages with offset and reindexes an updated story', () => {
    const f = searchFixtures()
    const index = createSearchIndex()
    index.add(Object.values(f))
    const all = index.search('سد النهضة', 10)
    expect(all.length).toBe(4)
    expect(index.search('سد النهضة', 2, 2)).toEqual(all.slice(2, 4))
    index.add([{ ...f.oilA!, title: 'أسعار الذهب تتراجع', paragraphs: ['تراجعت أسعار الذهب.'] }])
    expect(index.search('أوبك', 10)).toEqual([])
    expect(index.search('الذهب', 10)).toEqual([f.oilA!.id])
    expect(index.size()).toBe(Object.keys(f).length)
  })

  it('labels an unlabelled story with the committed classifier, given a football report', () => {
    const index = createSearchIndex({ classifier: createTopicClassifier(loadTopicModel()) })
    const story = makeArticle({ title: 'ريال مدريد يفوز على برشلونة في الدوري الإسباني', paragraphs: ['سجل المهاجم هدفين في المباراة وتصدر الفريق جدول الدوري بعد الفوز في الملعب أمام الجماهير.'] })
    index.add([story])
    expect(story.category).toBe('sport')
  })
})
