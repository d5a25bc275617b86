import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createClock } from '../../src/clock.js'
import { startDigestScheduler } from '../../src/digest/scheduler.js'
import { createLogger } from '../../src/logger.js'

const silent = createLogger({ level: 'silent' })
const START = '2026-11-29T08:00:30.000Z'

// Fake timers fake Date and the timers node-cron uses: time moves only when the test moves it.
beforeEach(() => { vi.useFakeTimers({ now: new Date(START) }) })
afterEach(() => { vi.useRealTimers() })

describe('startDigestScheduler', () => {
  it('ticks at start and then once per simulated minute, given a clock 600 times faster', async () => {
    const seen: string[] = []
    const scheduler = startDigestScheduler({ tick: async (now) => { seen.push(now.toISOString()) }, clock: createClock(600), logger: silent })
    await vi.advanceTimersByTimeAsync(350)
    await scheduler.stop()
    expect(seen).toEqual([START, '2026-11-29T08:01:30.000Z', '2026-11-29T08:02:30.000Z', '2026-11-29T08:03:30.000Z'])
  })

  it('waits for the running tick on stop and starts no other, given a slow tick', async () => {
    let started = 0
    let finished = 0
    const scheduler = startDigestScheduler({
      tick: async () => {
        started++
        await new Promise((resolve) => setTimeout(resolve, 150))
        finished++
      },
      clock: createClock(6000),
      logger: silent,
    })
    await vi.advanceTimersByTimeAsync(5)
    const stopping = scheduler.stop()
    await vi.advanceTimersByTimeAsync(200)
    await stopping
    expect({ started, finished }).toEqual({ started: 1, finished: 1 })
  })

  it('ticks at start, then at each minute boundary through node-cron, given speed 1', async () => {
    const seen: string[] = []
    const scheduler = startDigestScheduler({ tick: async (now) => { seen.push(now.toISOString()) }, clock: createClock(1), logger: silent })
    await vi.advanceTimersByTimeAsync(29_000)
    expect(seen).toEqual([START])
    await vi.advanceTimersByTimeAsync(61_000)
    await scheduler.stop()
    expect(seen).toEqual([START, '2026-11-29T08:01:00.000Z', '2026-11-29T08:02:00.000Z'])
  })
})
