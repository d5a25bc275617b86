import { DateTime, IANAZone } from 'luxon'
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
 * skipping or doubling the day: a time that does not exist (spring forward) is read with the
 * offset before the change (02:30 Berlin → 03:30 summer time), and a time that occurs twice
 * (fall back) resolves to the later of its two instants, so the day still gets one digest.
 */
export function nextSendAt(clock: string, timeZone: string, after: Date): Date {
  const [hour, minute] = clock.split(':').map(Number) as [number, number]
  const from = DateTime.fromJSDate(after, { zone: timeZone })
  for (let day = 0; day <= 2; day++) {
    const date = from.plus({ days: day })
    const at = wallTimeInstant({ year: date.year, month: date.month, day: date.day, hour, minute }, timeZone)
    if (at > after.getTime()) return new Date(at)
  }
  throw new Error(`no ${clock} in ${timeZone} after ${after.toISOString()}`)
}

interface WallTime { year: number, month: number, day: number, hour: number, minute: number }

/**
 * The UTC instant of a local wall time, decided from the zone's offsets alone. Luxon's own
 * fromObject guesses ambiguous times from the machine's current offset, so its answer at fall
 * back would depend on the date the code runs.
 */
function wallTimeInstant(wall: WallTime, timeZone: string): number {
  const zone = IANAZone.create(timeZone)
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute)
  // Offsets a day either side bracket any change on this day (no zone changes twice in 48 hours).
  const offsets = [...new Set([zone.offset(asUtc - 86_400_000), zone.offset(asUtc + 86_400_000)])]
  const valid = offsets.map((offset) => asUtc - offset * 60_000).filter((at) => zone.offset(at) * 60_000 === asUtc - at)
  if (valid.length > 0) return Math.max(...valid)
  return asUtc - zone.offset(asUtc - 86_400_000) * 60_000
}

/** The local calendar date (YYYY-MM-DD) of an instant: a digest is "the digest of" this day. */
export function localDate(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toISODate()!
}

/** The UTC minute an instant falls in, as epoch minutes: the scheduler's bucket key. */
export function minuteOf(at: Date | number): number {
  return Math.floor((typeof at === 'number' ? at : at.getTime()) / 60_000)
}
