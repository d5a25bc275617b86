import { createPacer } from '../src/digest/pacer.js'
import { nextSendAt } from '../src/digest/schedule.js'

/** Where readers are and what share of them; the digest times cluster at 07:00–09:00 local. */
const ZONES: [string, number][] = [
  ['Asia/Riyadh', 0.3], ['Africa/Cairo', 0.2], ['Asia/Dubai', 0.1], ['Europe/London', 0.1],
  ['Europe/Berlin', 0.1], ['America/New_York', 0.1], ['Asia/Jakarta', 0.1],
]
export const LATENESS_ZONES = ZONES.length
const ROUND_TIMES = ['07:00', '07:30', '08:00', '08:30', '09:00']

/** A seeded generator, so every run simulates the same million readers. */
function random(seed: number) {
  let s = seed >>> 0
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32)
}

export interface Lateness { rate: number, medianS: number, p99S: number, maxS: number, busiestMinute: number }

/**
 * No network: a million subscribers' next digests on one day, each sent through createPacer on
 * simulated time (answers arrive 2 ms after a send). Lateness = send time − scheduled time,
 * with the tick at the start of the scheduled minute.
 */
export function simulateLateness(subscribers: number, rates: number[], day = new Date('2026-12-01T00:00:00Z')): Lateness[] {
  const rand = random(42)
  const due = new Float64Array(subscribers)
  const instants = new Map<string, number>()
  for (let i = 0; i < subscribers; i++) {
    let pick = rand()
    let zone = ZONES[0]![0]
    for (const [name, share] of ZONES) {
      if ((pick -= share) < 0) { zone = name; break }
    }
    // Half the readers pick a round time, the rest any minute in the two hours.
    const clock = rand() < 0.5 ? ROUND_TIMES[Math.floor(rand() * ROUND_TIMES.length)]! : minuteClock(7 * 60 + Math.floor(rand() * 121))
    const key = `${zone} ${clock}`
    let at = instants.get(key)
    if (at === undefined) instants.set(key, at = nextSendAt(clock, zone, day).getTime())
    due[i] = at
  }
  due.sort()
  let busiest = 0
  for (let i = 0, j = 0; i < due.length; i = j) {
    while (j < due.length && due[j] === due[i]) j++
    busiest = Math.max(busiest, j - i)
  }
  return rates.map((rate) => {
    const pacer = createPacer({ perSecond: rate })
    const late = new Float64Array(subscribers)
    let t = 0
    for (let i = 0; i < due.length; i++) {
      t = Math.max(t, due[i]!)
      for (;;) {
        const r = pacer.reserve(`c${i}`, t)
        if ('slot' in r) {
          r.slot.done(t + 2)
          break
        }
        t += 'waitMs' in r ? r.waitMs : 1
      }
      late[i] = t - due[i]!
    }
    late.sort()
    const at = (q: number) => late[Math.min(late.length - 1, Math.floor(q * late.length))]! / 1000
    return { rate, medianS: at(0.5), p99S: at(0.99), maxS: late[late.length - 1]! / 1000, busiestMinute: busiest }
  })
}

function minuteClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}
