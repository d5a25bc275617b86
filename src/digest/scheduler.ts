import cron, { type RunCoordinator, type ScheduledTask } from 'node-cron'
import type { Logger } from '../logger.js'
import type { Clock } from '../clock.js'

export interface SchedulerOptions {
  /** One tick: finds who is due at `now` and queues their digests. Tests call it directly. */
  tick: (now: Date) => Promise<unknown>
  clock: Clock
  logger: Logger
  /**
   * Decides which process runs a given minute's tick when several run the bot
   * (node-cron's run coordinator, e.g. Redis SET NX PX). Without one, every tick runs here.
   */
  coordinator?: RunCoordinator
}

export interface DigestScheduler { stop(): Promise<void> }

const TASK = 'digest-tick'

/**
 * Ticks once a minute with node-cron. Also ticks once at start, so digests due while the bot
 * was down go out now rather than tomorrow. A fast demo clock ticks once per simulated minute.
 */
export function startDigestScheduler({ tick, clock, logger, coordinator }: SchedulerOptions): DigestScheduler {
  let running: Promise<void> | undefined
  let stopped = false
  const run = async () => {
    if (running || stopped) return
    running = tick(clock.now())
      .then(() => {}, (err: Error) => logger.error({ err }, `digest tick failed: ${err.message}`))
      .finally(() => { running = undefined })
    await running
  }
  let task: ScheduledTask | undefined
  let interval: NodeJS.Timeout | undefined
  if (clock.speed === 1) {
    task = cron.schedule('* * * * *', run, { name: TASK, noOverlap: true, ...(coordinator ? { distributed: true, runCoordinator: coordinator } : {}) })
  }
  else {
    interval = setInterval(() => void run(), 60_000 / clock.speed)
    logger.info(`digest clock runs ${clock.speed}× faster than real time (DIGEST_CLOCK_SPEED)`)
  }
  void (async () => {
    const elected = coordinator ? await coordinator.shouldRun(`${TASK}:startup`, 55_000) : true
    if (elected) await run()
  })().catch((err: Error) => logger.warn(`start-up digest tick skipped (${err.message}); the next minute's tick catches up`))

  return {
    async stop() {
      stopped = true
      if (interval) clearInterval(interval)
      await task?.destroy()
      await running
    },
  }
}
