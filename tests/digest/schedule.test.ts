import { describe, expect, it } from 'vitest'
import { canonicalZone, localDate, nextSendAt, parseClock } from '../../src/digest/schedule.js'

describe('parseClock', () => {
  it('reads HH:MM, H:MM and Arabic-Indic digits, given valid times', () => {
    expect(parseClock('07:30')).toBe('07:30')
    expect(parseClock('7:05')).toBe('07:05')
    expect(parseClock('٠٨:١٥')).toBe('08:15')
    expect(parseClock(' 23:59 ')).toBe('23:59')
  })

  it('refuses impossible times, given 25:99, 24:00 and words', () => {
    for (const bad of ['25:99', '24:00', '12:60', 'noon', '12', '']) expect(parseClock(bad)).toBeUndefined()
  })
})

describe('canonicalZone', () => {
  it('spells an IANA zone the canonical way, given any letter case', () => {
    expect(canonicalZone('asia/riyadh')).toBe('Asia/Riyadh')
    expect(canonicalZone('UTC')).toBe('UTC')
  })

  it('refuses anything else, given unknown zones, abbreviations and paths', () => {
    for (const bad of ['Mars/Olympus', 'EST', '../etc/passwd', '']) expect(canonicalZone(bad)).toBeUndefined()
  })
})

describe('nextSendAt', () => {
  it('gives today at the local time when it is still ahead, else tomorrow', () => {
    expect(nextSendAt('08:00', 'Asia/Riyadh', new Date('2026-11-29T04:00:00Z')).toISOString()).toBe('2026-11-29T05:00:00.000Z')
    expect(nextSendAt('08:00', 'Asia/Riyadh', new Date('2026-11-29T05:00:00Z')).toISOString()).toBe('2026-11-30T05:00:00.000Z')
  })

  it('moves the UTC instant across spring forward in Europe/Berlin, given 08:00', () => {
    const before = nextSendAt('08:00', 'Europe/Berlin', new Date('2026-03-28T06:00:00Z'))
    expect(before.toISOString()).toBe('2026-03-28T07:00:00.000Z')
    const after = nextSendAt('08:00', 'Europe/Berlin', before)
    expect(after.toISOString()).toBe('2026-03-29T06:00:00.000Z')
  })

  it('sends once at the first valid minute, given a time skipped by spring forward (02:30 Berlin)', () => {
    const at = nextSendAt('02:30', 'Europe/Berlin', new Date('2026-03-28T12:00:00Z'))
    expect(at.toISOString()).toBe('2026-03-29T01:30:00.000Z')
    expect(localDate(at, 'Europe/Berlin')).toBe('2026-03-29')
    expect(nextSendAt('02:30', 'Europe/Berlin', at).toISOString()).toBe('2026-03-30T00:30:00.000Z')
  })

  it('sends once, given a time that happens twice at fall back (01:30 New York)', () => {
    const first = nextSendAt('01:30', 'America/New_York', new Date('2026-10-31T12:00:00Z'))
    expect(first.toISOString()).toBe('2026-11-01T06:30:00.000Z')
    const second = nextSendAt('01:30', 'America/New_York', first)
    expect(second.toISOString()).toBe('2026-11-02T06:30:00.000Z')
  })
})
