import { describe, expect, it } from 'vitest'
import { startFakeBotApi } from '../helpers/fake-bot-api.js'
import { messageUpdate } from '../helpers/updates.js'
import { startInstance } from './instances.js'
import { ownRedisServer, redisUrl, waitFor, warnIfNoRedis } from './redis-helpers.js'

warnIfNoRedis('Redis outage test')

const METRICS_TOKEN = 'metrics-token-of-the-scale-test'

describe.skipIf(!redisUrl)('a webhook instance while its Redis is down', () => {
  it('answers /healthz and the webhook 503 and /metrics 200 within 2 s each, and logs the outage in a few lines, given Redis stopped', async () => {
    const redis = await ownRedisServer()
    const api = await startFakeBotApi()
    const instance = await startInstance({ TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, STORAGE_URL: redis.url, METRICS_TOKEN })
    try {
      const auth = { authorization: `Bearer ${METRICS_TOKEN}` }
      expect((await instance.get('/metrics')).status).toBe(401)
      expect((await instance.get('/metrics', { headers: auth })).status).toBe(200)
      await redis.stop()
      await waitFor(() => instance.lines().some((l) => l.msg.startsWith('Redis connection lost')), 10_000, 'the instance to see Redis gone')
      const before = instance.lines().length
      // Each request's own timeout is the 2 s bound: a hang fails the test. Ten rounds keep Redis down a while.
      for (let round = 0; round < 10; round++) {
        const health = await instance.get('/healthz', { timeoutMs: 2000 })
        expect(health.status).toBe(503)
        expect(await health.json()).toMatchObject({ ok: false, store: expect.stringMatching(/^down/), queue: expect.stringMatching(/^down/) })
        expect(await instance.post(messageUpdate({ text: '/help', chatId: 8_800 + round }), 2000)).toBe(503)
        const metrics = await instance.get('/metrics', { timeoutMs: 2000, headers: auth })
        expect(metrics.status).toBe(200)
        expect(await metrics.text()).toContain('khulasa_queue_depth')
      }
      // Unthrottled, the BullMQ worker alone wrote a line a second here (24 in one run); now each kind of failure shows once a minute.
      const during = instance.lines().slice(before).map((l) => l.msg.replace(/\d+/g, '#'))
      expect(new Set(during).size).toBe(during.length)
      expect(during.filter((m) => m.startsWith('outbound worker:')).length).toBeLessThanOrEqual(1)
      expect(during).toContain('webhook: the update gate is unavailable (Redis is not connected); answering # so Telegram retries')
      await redis.start()
      await waitFor(() => instance.lines().some((l) => l.msg.startsWith('Redis is back')), 15_000, 'Redis back')
      await waitFor(async () => (await instance.post(messageUpdate({ text: '/help', chatId: 8_899 }), 2000)) === 200, 15_000, 'a post handled after the outage')
      expect(api.textsTo(8_899)).toHaveLength(1)
      for (let round = 0; round < 10; round++) expect(api.textsTo(8_800 + round)).toEqual([])
    }
    finally {
      await instance.stop()
      await redis.stop()
      await api.close()
    }
  }, 90_000)
})
