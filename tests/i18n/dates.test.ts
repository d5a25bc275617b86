import { describe, expect, it } from 'vitest'
import { ar } from '../../src/i18n/ar.js'
import { en } from '../../src/i18n/en.js'

const now = new Date('2026-11-30T05:00:00Z')
const ago = (ms: number) => new Date(now.getTime() - ms)
const MIN = 60_000
const HOUR = 60 * MIN

describe('dates', () => {
  it('says how long ago within a day, in Arabic and English', () => {
    const ages = [10_000, MIN, 5 * MIN, HOUR, 2 * HOUR, 3 * HOUR, 11 * HOUR, 23 * HOUR + 59 * MIN]
    expect(ages.map((a) => ar.dates.story(ago(a), now, 'Asia/Riyadh'))).toEqual(['الآن', 'قبل دقيقة', 'قبل 5 دقائق', 'قبل ساعة', 'قبل ساعتين', 'قبل 3 ساعات', 'قبل 11 ساعة', 'قبل 23 ساعة'])
    expect(ages.map((a) => en.dates.story(ago(a), now, 'Asia/Riyadh'))).toEqual(['just now', '1 minute ago', '5 minutes ago', '1 hour ago', '2 hours ago', '3 hours ago', '11 hours ago', '23 hours ago'])
  })

  it('gives the date with the month in words after a day, with the year only when it is not this one', () => {
    expect(ar.dates.story(ago(25 * HOUR), now, 'Asia/Riyadh')).toBe('29 نوفمبر')
    expect(ar.dates.story(new Date('2015-08-11T06:00:00Z'), now, 'Asia/Riyadh')).toBe('11 أغسطس 2015')
    expect(en.dates.story(new Date('2015-08-11T06:00:00Z'), now, 'Asia/Riyadh')).toBe('11 August 2015')
  })

  it('dates the story in the reader\'s zone, given an instant that is a different day in Riyadh and Los Angeles', () => {
    const at = new Date('2026-11-01T02:00:00Z')
    expect(ar.dates.story(at, now, 'Asia/Riyadh')).toBe('1 نوفمبر')
    expect(ar.dates.story(at, now, 'America/Los_Angeles')).toBe('31 أكتوبر')
  })

  it('writes a digest day and the next digest in words, not ISO', () => {
    expect(ar.dates.day('2026-11-30')).toBe('الاثنين، 30 نوفمبر 2026')
    expect(en.dates.day('2026-11-30')).toBe('Monday, 30 November 2026')
    expect(ar.dates.dateTime(now, 'Europe/Berlin')).toBe('الاثنين، 30 نوفمبر، 06:00')
    expect(en.dates.dateTime(now, 'Europe/Berlin')).toBe('Monday 30 November, 06:00')
  })
})
