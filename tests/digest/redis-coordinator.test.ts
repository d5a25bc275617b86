import { describe, expect, it } from 'vitest'
import cron from 'node-cron'
import { createRedisCoordinator } from '../../src/digest/redis-coordinator.js'
import { connectRedis } from '../../src/storage/redis-connection.js'
import { deletePrefix, ownRedisServer, redisUrl, scaleRedis, waitFor, warnIfNoRedis } from '../scale/redis-helpers.js'

warnIfNoRedis('Redis run coordinator tests')

describe.skipIf(!redisUrl)('createRedisCoordinator', () => {
  it('lets exactly one of two instances run each slot of a node-cron task, given both scheduled every second', async () => {
    const { url, prefix } = scaleRedis()
    const [redisA, redisB] = await Promise.all([connectRedis(url, { name: 'a' }), connectRedis(url, { name: 'b' })])
    const runs: string[] = []
    const make = (name: string, redis: typeof redisA) => cron.schedule('* * * * * *', (ctx) => void runs.push(`${ctx.date.toISOString()} ${name}`), {
      name: 'coordinator-test',
      distributed: true,
      runCoordinator: createRedisCoordinator({ redis, prefix, owner: name }),
      distributedLease: 5000,
    })
    const tasks = [make('a', redisA), make('b', redisB)]
    try {
      await waitFor(() => new Set(runs.map((r) => r.split(' ')[0])).size >= 3, 8000, 'three slots')
      await Promise.all(tasks.map((t) => t.stop()))
      const slots = runs.map((r) => r.split(' ')[0])
      expect(new Set(slots).size).toBe(slots.length)
    }
    finally {
      await Promise.all(tasks.map((t) => t.destroy()))
      redisA.disconnect()
      redisB.disconnect()
      await deletePrefix(url, prefix)
    }
  })

  it('throws instead of electing, given a Redis that went away', async () => {
    const server = await ownRedisServer()
    const redis = await connectRedis(server.url, { name: 'coordinator' })
    try {
      const coordinator = createRedisCoordinator({ redis, prefix: 'test', timeoutMs: 300 })
      expect(await coordinator.shouldRun('slot-1', 10_000)).toBe(true)
      expect(await coordinator.shouldRun('slot-1', 10_000)).toBe(false)
      await server.stop()
      await expect(coordinator.shouldRun('slot-2', 10_000)).rejects.toThrow(/no answer in 300 ms/)
    }
    finally {
      redis.disconnect()
      await server.stop()
    }
  })
})
