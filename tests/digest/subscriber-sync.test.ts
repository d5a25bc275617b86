import { describe, expect, it } from 'vitest'
import { createCore } from '../../src/core.js'
import { createLogger } from '../../src/logger.js'
import { connectScaleOut } from '../../src/scale-out.js'
import { testConfig } from '../helpers/core.js'
import { deletePrefix, redisUrl, scaleRedis, waitFor, warnIfNoRedis } from '../scale/redis-helpers.js'
import { createClock } from '../../src/clock.js'

warnIfNoRedis('subscriber sync between instances')

describe.skipIf(!redisUrl)('startSubscriberSync', () => {
  it('files a chat subscribed on one instance in the other\'s due index and drops it on unsubscribe, given two instances on one Redis', async () => {
    const { url, prefix } = scaleRedis()
    const config = testConfig({ STORAGE_URL: url, REDIS_PREFIX: prefix })
    const logger = createLogger({ level: 'silent' })
    const [a, b] = await Promise.all([createCore(config, logger, { clock: createClock() }), createCore(config, logger, { clock: createClock() })])
    const [sharedA, sharedB] = await Promise.all([connectScaleOut(config, logger, a), connectScaleOut(config, logger, b)])
    try {
      expect(b.digests.dueCount()).toBe(0)
      await a.subscribers.subscribe(9_001, 'ar')
      await a.subscribers.subscribe(9_002, 'en')
      await waitFor(() => b.digests.dueCount() === 2, 5000, 'instance B to learn of both subscriptions')

      await a.subscribers.unsubscribe(9_001)
      await waitFor(() => b.digests.dueCount() === 1, 5000, 'instance B to drop the unsubscribed chat')
      // B's own changes travel the other way.
      await b.subscribers.unsubscribe(9_002)
      await waitFor(() => a.digests.dueCount() === 0, 5000, 'instance A to drop the chat B unsubscribed')
    }
    finally {
      await sharedA?.close()
      await sharedB?.close()
      await a.close()
      await b.close()
      await deletePrefix(url, prefix)
    }
  })
})
