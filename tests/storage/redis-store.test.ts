import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createArticleStore } from '../../src/articles/article-store.js'
import { createStore, StoreError } from '../../src/storage/create-store.js'
import { connectRedis } from '../../src/storage/redis-connection.js'
import { makeArticle } from '../helpers/core.js'
import { ownRedisServer, redisUrl, warnIfNoRedis } from '../scale/redis-helpers.js'

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

  it('says the password was rejected or missing, never "not connected" and never the password, given a Redis that requires one', async () => {
    const redis = await ownRedisServer({ password: 'the-right-password' })
    try {
      const wrong = redis.url.replace('the-right-password', 'a-wrong-password')
      const failure = createStore(wrong, { connectTimeoutMs: 1000 })
      await expect(failure).rejects.toThrow(StoreError)
      await expect(failure).rejects.toThrow(/^cannot open the store at redis:\/\/\*\*\*@127\.0\.0\.1:\d+\/0: Redis rejected the password \(WRONGPASS/)
      await expect(connectRedis(wrong, { name: 'test', connectTimeoutMs: 1000 })).rejects.toThrow(/: Redis rejected the password \(WRONGPASS/)
      const none = redis.url.replace(':the-right-password@', '')
      await expect(createStore(none, { connectTimeoutMs: 1000 })).rejects.toThrow(/Redis requires a password and the URL gives none \(NOAUTH/)
      await expect(createStore(wrong, { connectTimeoutMs: 1000 })).rejects.not.toThrow(/a-wrong-password/)
      const right = await createStore(redis.url)
      expect(await right.ns('meta').get('nothing')).toBeUndefined()
      await right.close()
    }
    finally {
      await redis.stop()
    }
  })
})
