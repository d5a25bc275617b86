/**
 * The digest's notion of now. At speed 1 it is the wall clock; a demo can run it faster
 * (DIGEST_CLOCK_SPEED=60: a minute a second) so a digest set for a few minutes ahead
 * arrives in seconds, through the same scheduling and DST logic as in production.
 */
export interface Clock {
  now(): Date
  speed: number
}

export function createClock(speed = 1, realNow: () => number = Date.now): Clock {
  const origin = realNow()
  return {
    speed,
    now: () => new Date(speed === 1 ? realNow() : origin + (realNow() - origin) * speed),
  }
}
