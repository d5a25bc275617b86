import { describe, expect, it } from 'vitest'
import { createClock } from '../../src/digest/clock.js'
import { startDigestScheduler } from '../../src/digest/scheduler.js'
import { createLogger } from '../../src/logger.js'

const silent = createLogger({ level: 'silent' })
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('startDigestScheduler', () => {
  it('ticks at start and then once per simulated minute, given a clock 600 times faster', async () => {
    const seen: Date[] = []
    const clock = createClock(600)
    const scheduler = startDigestScheduler({ tick: async (now) => { seen.push(now) }, clock, logger: silent })
    await sleep(350)
    await scheduler.stop()
    expect(seen.length).toBeGreaterThanOrEqual(3)
    const gaps = seen.slice(1).map((d, i) => d.getTime() - seen[i]!.getTime())
    for (const gap of gaps.slice(1)) expect(gap).toBeGreaterThanOrEqual(50_000)
  })

  it('waits for the running tick on stop and starts no other, given a slow tick', async () => {
    let running = 0
    let finished = 0
    const scheduler = startDigestScheduler({
      tick: async () => { running++; await sleep(150); finished++ },
      clock: createClock(6000),
      logger: silent,
    })
    await sleep(50)
    await scheduler.stop()
    expect(finished).toBe(running)
    expect(running).toBe(1)
  })

  it('runs the start-up tick at once with node-cron at real speed, given speed 1', async () => {
    const seen: Date[] = []
    const scheduler = startDigestScheduler({ tick: async (now) => { seen.push(now) }, clock: createClock(1), logger: silent })
    await sleep(20)
    await scheduler.stop()
    expect(seen).toHaveLength(1)
  })
})
