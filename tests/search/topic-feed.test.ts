import { describe, expect, it } from 'vitest'
import { createArticleStore } from '../../src/articles/article-store.js'
import { matchesFilters, type Topic, type TopicFilters } from '../../src/search/filters.js'
import { createSearchIndex } from '../../src/search/search-index.js'
import { latestMatching } from '../../src/search/topic-feed.js'
import { createStore } from '../../src/storage/create-store.js'
import { makeArticle } from '../helpers/core.js'

const category = (key: string): Topic => ({ kind: 'category', key, label: key })
const keyword = (key: string): Topic => ({ kind: 'keyword', key, label: key })

describe('latestMatching', () => {
  it('gives the same newest-first stories as filtering every story, for rare and common follows and mutes', async () => {
    const articles = createArticleStore({ store: await createStore('memory://') })
    const index = createSearchIndex()
    articles.onChange((changed) => index.add(changed))
    const stories = Array.from({ length: 1800 }, (_, i) => makeArticle({
      title: i % 97 === 0 ? `خبر نادر عن البيتكوين ${i}` : `خبر عادي عن الطقس رقم ${i}`,
      category: i % 50 === 0 ? 'culture' : 'sport',
      section: i % 300 === 0 ? 'أوروبا' : undefined,
      publishedAt: new Date(Date.UTC(2026, 0, 1, 0, i % 700, i % 60)).toISOString(),
    }))
    await articles.upsert(stories)
    const cases: TopicFilters[] = [
      { follow: [category('culture')], mute: [] },
      { follow: [category('sport')], mute: [keyword('بيتكوين')] },
      { follow: [keyword('بيتكوين'), category('culture')], mute: [] },
      { follow: [{ kind: 'section', key: 'اوروبا', label: 'أوروبا' }], mute: [] },
      { follow: [], mute: [category('sport')] },
    ]
    for (const filters of cases) {
      const expected = articles.latest(15, (a) => a.kind === 'full' && matchesFilters(a, filters)).map((a) => a.id)
      expect(latestMatching({ articles, index }, 15, filters).map((a) => a.id)).toEqual(expected)
      expect(expected.length).toBeGreaterThan(0)
    }
  })
})
