import { DateTime } from 'luxon'
import { westernDigits } from '../articles/normalize.js'

const CLOCK = /^\s*([01]?\d|2[0-3])[:：.]([0-5]\d)\s*$/

/** "7:05", "07:05" or "٠٧:٠٥" → "07:05"; anything else → undefined. */
export function parseClock(text: string): string | undefined {
  const match = CLOCK.exec(westernDigits(text))
  if (!match) return undefined
  return `${match[1]!.padStart(2, '0')}:${match[2]}`
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return zone.includes('/') || zone === 'UTC'
  }
  catch {
    return false
  }
}

/** "asia/riyadh" → "Asia/Riyadh"; undefined for anything that is not an IANA zone. */
export function canonicalZone(zone: string): string | undefined {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+){0,2}$/.test(zone) || !isValidTimeZone(zone)) return undefined
  return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone
}

/**
 * The first instant strictly after `after` when the wall clock in `timeZone` reads `clock`.
 * Computed per calendar day in the zone, so a DST change moves the UTC instant instead of
 * skipping or doubling the day: a time that does not exist (spring forward) is sent at the
 * first valid minute after it, and a time that occurs twice (fall back) resolves to one
 * instant (luxon takes the later offset), so the day still gets one digest.
 */
export function nextSendAt(clock: string, timeZone: string, after: Date): Date {
  const [hour, minute] = clock.split(':').map(Number) as [number, number]
  const from = DateTime.fromJSDate(after, { zone: timeZone })
  for (let day = 0; day <= 2; day++) {
    const date = from.plus({ days: day })
    const at = DateTime.fromObject({ year: date.year, month: date.month, day: date.day, hour, minute }, { zone: timeZone })
    if (at.toMillis() > after.getTime()) return at.toJSDate()
  }
  throw new Error(`no ${clock} in ${timeZone} after ${after.toISOString()}`)
}

/** The local calendar date (YYYY-MM-DD) of an instant: a digest is "the digest of" this day. */
export function localDate(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toISODate()!
}

/** The UTC minute an instant falls in, as epoch minutes: the scheduler's bucket key. */
export function minuteOf(at: Date | number): number {
  return Math.floor((typeof at === 'number' ? at : at.getTime()) / 60_000)
}
