import { describe, expect, it } from 'vitest'
import { createStore } from '../../src/storage/create-store.js'
import { startFakeBotApi } from '../helpers/fake-bot-api.js'
import { startInstance } from './instances.js'
import { ownRedisServer, redisUrl, waitFor, warnIfNoRedis } from './redis-helpers.js'
import { seedDueSubscribers } from './subscribers.js'

warnIfNoRedis('Redis restart test')

const RATE = 8
const SUBSCRIBERS = Array.from({ length: 24 }, (_, i) => 8_500 + i)

describe.skipIf(!redisUrl)('two bot processes when Redis restarts mid-run', () => {
  it('completes the digest run without duplicates or a burst over the limit, given Redis stopped and started during delivery', async () => {
    const redis = await ownRedisServer()
    const api = await startFakeBotApi({ rateLimits: { globalPerSecond: RATE, perChatPerSecond: 1 } })
    const seeding = await createStore(redis.url, { keyPrefix: 'khulasa' })
    await seedDueSubscribers(seeding, SUBSCRIBERS)
    await seeding.close()
    const env = { TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, STORAGE_URL: redis.url, SEND_RATE: String(RATE) }
    const instances = await Promise.all([startInstance(env), startInstance(env)])
    try {
      const chatsReached = () => SUBSCRIBERS.filter((chat) => api.textsTo(chat).length > 0).length
      await waitFor(() => chatsReached() >= 4, 15_000, 'the first digests')
      await redis.stop()
      const duringOutage = chatsReached()
      // The outage lasts as long as /healthz takes to notice it (its checks give up after 1 s).
      const health = await fetch(`http://127.0.0.1:${instances[0]!.port}/healthz`)
      expect(health.status).toBe(503)
      expect(await health.json()).toMatchObject({ ok: false, store: expect.stringMatching(/^down/), queue: expect.stringMatching(/^down/) })
      await redis.start()
      await waitFor(() => chatsReached() === SUBSCRIBERS.length, 20_000, 'every digest after the restart')

      expect(duringOutage).toBeLessThan(SUBSCRIBERS.length)
      for (const chat of SUBSCRIBERS) {
        const texts = api.textsTo(chat)
        expect(new Set(texts).size, `chat ${chat} got a part twice`).toBe(texts.length)
      }
      expect(new Set(SUBSCRIBERS.map((chat) => api.textsTo(chat).length)).size).toBe(1)
      expect(api.rateLimitViolations).toBe(0)
      await waitFor(() => instances.every((i) => i.lines().some((l) => l.msg.startsWith('Redis is back'))), 10_000, 'both instances to see Redis back')
      const warnings = instances.flatMap((i) => i.lines().map((l) => l.msg)).filter((m) => /^Redis connection lost/.test(m))
      expect(warnings).toHaveLength(2)
    }
    finally {
      await Promise.all(instances.map((i) => i.stop()))
      await redis.stop()
      await api.close()
    }
  }, 60_000)
})
