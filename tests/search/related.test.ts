import { describe, expect, it } from 'vitest'
import type { Article } from '../../src/articles/types.js'
import { createRelatedFinder } from '../../src/search/related.js'
import { createSearchIndex } from '../../src/search/search-index.js'
import { makeArticle } from '../helpers/core.js'
import { searchFixtures } from './fixtures.js'

function finder(articles: Article[]) {
  const byId = new Map(articles.map((a) => [a.id, a]))
  const index = createSearchIndex()
  index.add(articles)
  return createRelatedFinder({ articles: { get: (id) => byId.get(id) }, index })
}

describe('createRelatedFinder', () => {
  it('puts the publisher links first, then similar stories', () => {
    const f = searchFixtures()
    const source = { ...f.russiaA!, related: [f.oilA!.id] }
    const list = finder([...Object.values(f).filter((a) => a.id !== source.id), source]).get(source.id)!
    expect(list.items[0]).toEqual({ id: f.oilA!.id, fromPublisher: true, outlets: 1 })
    expect(list.items.slice(1).map((i) => i.id)).toContain(f.russiaB!.id)
    expect(list.items.every((i) => i.id !== source.id)).toBe(true)
  })

  it('prefers the story close in time, given a two-year-old story with the same words', () => {
    const f = searchFixtures()
    const ids = finder(Object.values(f)).get(f.russiaA!.id)!.items.map((i) => i.id)
    expect(ids.indexOf(f.russiaB!.id)).toBeGreaterThanOrEqual(0)
    expect(ids.indexOf(f.russiaB!.id)).toBeLessThan(ids.indexOf(f.russiaOld!.id) === -1 ? Infinity : ids.indexOf(f.russiaOld!.id))
  })

  it('finds a short story on the subject a long story names only late in its body, given the same day', () => {
    const f = searchFixtures()
    const source = makeArticle({
      title: 'لوكاشينكو يستقبل شانغ فو في مينسك ويشيد بالشراكة مع بكين',
      paragraphs: [
        'استقبل الرئيس البيلاروسي ألكسندر لوكاشينكو وزير الدفاع الصيني لي شانغ فو في مينسك وأشاد بخطط بكين ومينسك.',
        'وذكرت وكالة بيلتا أن لوكاشينكو وشانغ فو بحثا تدريبات مشتركة واتفاقات وقعها الرئيسان في بكين أوائل العام.',
        'وأضاف أن بلاده تعتمد على موسكو، وأن الحكومة الروسية شريك في ميزانية الدفاع.',
      ],
      publishedAt: f.russiaB!.publishedAt,
    })
    const ids = finder([...Object.values(f), source]).get(source.id)!.items.map((i) => i.id)
    expect(ids.slice(0, 3)).toContain(f.russiaB!.id)
    expect(ids.indexOf(f.russiaB!.id)).toBeLessThan(ids.indexOf(f.sportA!.id) === -1 ? Infinity : ids.indexOf(f.sportA!.id))
  })

  it('shows a story carried by several outlets once with its outlet count', () => {
    const f = searchFixtures()
    const list = finder(Object.values(f)).get(f.damOther!.id)!
    const dams = list.items.filter((i) => [f.dam1!.id, f.dam2!.id, f.dam3!.id].includes(i.id))
    expect(dams).toHaveLength(1)
    expect(dams[0]!.outlets).toBe(3)
  })

  it('counts near-duplicates of the story itself instead of listing them', () => {
    const f = searchFixtures()
    const list = finder(Object.values(f)).get(f.dam1!.id)!
    expect(list.duplicatesOfSource).toBe(2)
    expect(list.items.map((i) => i.id)).not.toContain(f.dam2!.id)
  })

  it('answers undefined for an unknown id and keeps computed lists', async () => {
    const f = searchFixtures()
    const related = finder(Object.values(f))
    expect(related.get('000000000000')).toBeUndefined()
    await related.warm(Object.values(f).map((a) => a.id))
    expect(related.cached()).toBe(Object.keys(f).length)
  })
})
