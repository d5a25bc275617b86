import { describe, expect, it } from 'vitest'
import { createArticleStore } from '../../src/articles/article-store.js'
import { createRecencyOrder } from '../../src/articles/recency-order.js'
import { compareNewestFirst, type Article } from '../../src/articles/types.js'
import { createStore } from '../../src/storage/create-store.js'
import { makeArticle } from '../helpers/core.js'

/** Deterministic draws, so a failure names the same case every run. */
function draws(seed: number) {
  let s = seed
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2 ** 31
    return s % n
  }
}

const at = (minutes: number) => new Date(Date.parse('2026-11-01T00:00:00Z') + minutes * 60_000).toISOString()

describe('createRecencyOrder', () => {
  it('lists newest first exactly as a full sort would, given adds, re-dated updates, ties and removals in any order', () => {
    const draw = draws(7)
    const order = createRecencyOrder()
    const live = new Map<string, Article>()
    const pool = Array.from({ length: 60 }, (_, i) => makeArticle({ title: `خبر ${i}`, publishedAt: at(draw(40)), seq: draw(5) }))
    order.reset(pool.slice(0, 20))
    for (const a of pool.slice(0, 20)) live.set(a.id, a)
    for (let step = 0; step < 400; step++) {
      const a = pool[draw(pool.length)]!
      const action = draw(4)
      if (action === 0 && live.has(a.id)) {
        order.remove([a.id])
        live.delete(a.id)
      }
      else if (action === 1) {
        // A bulk removal, as a sweep makes.
        const gone = [...live.keys()].filter(() => draw(3) === 0)
        order.remove(gone)
        for (const id of gone) live.delete(id)
      }
      else {
        const next = { ...a, publishedAt: draw(2) === 0 ? at(draw(40)) : (live.get(a.id) ?? a).publishedAt }
        order.set([next])
        live.set(a.id, next)
      }
      const expected = [...live.values()].sort(compareNewestFirst).map((x) => [x.publishedAt, x.seq])
      expect([...order.newestFirst()].map((x) => [x.publishedAt, x.seq])).toEqual(expected)
      expect(order.size()).toBe(live.size)
    }
  })
})

describe('ArticleStore.latest', () => {
  it('shows a story written after the first /latest at its place, and an updated one once, given writes between reads', async () => {
    const articles = createArticleStore({ store: await createStore('memory://') })
    const [older, newer] = [makeArticle({ title: 'الخبر الأقدم', publishedAt: at(10) }), makeArticle({ title: 'الخبر الأحدث', publishedAt: at(30) })]
    await articles.upsert([older, newer])
    expect(articles.latest(5).map((a) => a.title)).toEqual(['الخبر الأحدث', 'الخبر الأقدم'])
    await articles.upsert([makeArticle({ title: 'خبر بينهما', publishedAt: at(20) })])
    // The same story seen again with more text: it keeps its place and appears once.
    await articles.upsert([{ ...older, paragraphs: [...older.paragraphs, 'فقرة ثانية أضيفت لاحقاً إلى الخبر نفسه.'] }])
    expect(articles.latest(5).map((a) => a.title)).toEqual(['الخبر الأحدث', 'خبر بينهما', 'الخبر الأقدم'])
    expect(articles.latest(5).at(-1)!.paragraphs).toHaveLength(2)
    expect(articles.latest(1, (a) => a.title !== 'الخبر الأحدث').map((a) => a.title)).toEqual(['خبر بينهما'])
  })
})
