import { afterEach, describe, expect, it, vi } from 'vitest'
import { makeArticle, testCore } from '../helpers/core.js'

afterEach(() => {
  vi.useRealTimers()
})

describe('createSearch related-list warming', () => {
  it('warms only the newest changes after a quiet moment, given a long busy stretch of ingest', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate'] })
    const core = await testCore()
    await vi.runAllTimersAsync()
    const stories = Array.from({ length: 450 }, (_, i) => makeArticle({ title: `خبر رقم ${i} عن الاقتصاد والأسواق`, paragraphs: [`نص الخبر ${i} عن أسعار النفط والأسهم في الأسواق العالمية.`], publishedAt: new Date(Date.UTC(2026, 10, 28, 0, i)).toISOString() }))
    for (let i = 0; i < stories.length; i += 50) await core.articles.upsert(stories.slice(i, i + 50))
    const before = core.search.related.cached()
    await vi.runAllTimersAsync()
    const warmed = core.search.related.cached() - before
    expect(warmed).toBe(200)
    await core.close()
  })
})
