import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createArticleStore } from '../../src/articles/article-store.js'
import { createStore } from '../../src/storage/create-store.js'
import { makeArticle } from '../helpers/core.js'
import { redisUrl, warnIfNoRedis } from '../scale/redis-helpers.js'

warnIfNoRedis('Redis store tests')

describe.skipIf(!redisUrl)('createStore on Redis', () => {
  it('keeps articles across a reconnect, given redis://', async () => {
    // Database 9 keeps these keys away from a running bot's.
    const url = `${redisUrl!.replace(/\/\d*$/, '')}/9`
    const story = makeArticle({ title: `خبر في ريديس ${randomUUID()}` })
    const first = await createStore(url)
    await createArticleStore({ store: first }).upsert([story])
    await first.close()

    const second = await createStore(url)
    const reloaded = createArticleStore({ store: second })
    await reloaded.load()
    expect(reloaded.get(story.id)).toMatchObject({ title: story.title, paragraphs: story.paragraphs })
    await second.ns('articles').delete(story.id)
    await second.close()
  })
})
