/**
 * The bot's one notion of now: the only module that reads the wall clock. Everything else
 * takes a Clock (or its `now`) as a dependency, so tests and demos control time.
 * At speed 1 it is the wall clock; a demo can run it faster (DIGEST_CLOCK_SPEED=60: a minute
 * a second), and then ingest times, digests, schedules and journals all run on that same time.
 */
export interface Clock {
  now(): Date
  /** How many times faster than real time this clock runs; the scheduler ticks once per simulated minute. */
  readonly speed: number
}

export function createClock(speed = 1, realNow: () => number = () => Date.now()): Clock {
  const origin = realNow()
  return {
    speed,
    now: () => new Date(speed === 1 ? realNow() : origin + (realNow() - origin) * speed),
  }
}

export interface ManualClock extends Clock {
  set(at: Date | string | number): void
  advance(ms: number): void
}

/** A clock that stands still until moved: for tests and simulations. */
export function createManualClock(start: Date | string | number): ManualClock {
  let at = new Date(start).getTime()
  return {
    speed: 1,
    now: () => new Date(at),
    set: (next) => { at = new Date(next).getTime() },
    advance: (ms) => { at += ms },
  }
}
