import { describe, expect, it } from 'vitest'
import { messagesFor } from '../../src/i18n/messages.js'
import { storyWhen } from '../../src/telegram/reader.js'

const HOUR = 3600_000

describe('storyWhen', () => {
  it('says every date as the i18n strings do, given ages from a minute to years, zones off the hour and a year turning mid-run', () => {
    const zones = ['Asia/Riyadh', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham', 'UTC']
    // Around the turn of 2027 in each zone, then an ordinary afternoon; each moment twice, as a busy bot asks.
    const nows = [
      ...Array.from({ length: 40 }, (_, i) => Date.parse('2026-12-31T08:00:00Z') + i * 37 * 60_000),
      Date.parse('2027-06-15T14:20:00Z'),
    ]
    const ages = [30_000, 5 * 60_000, 3 * HOUR, 23 * HOUR, 25 * HOUR, 47 * HOUR, 49 * HOUR, 30 * 24 * HOUR, 400 * 24 * HOUR, 4000 * 24 * HOUR]
    let compared = 0
    for (const nowMs of nows) {
      for (const language of ['ar', 'en']) {
        const t = messagesFor(language)
        for (const timeZone of zones) {
          for (const age of ages) {
            const at = new Date(nowMs - age)
            const expected = t.dates.story(at, new Date(nowMs), timeZone)
            for (let twice = 0; twice < 2; twice++) {
              expect(storyWhen({ publishedAt: at.toISOString(), firstSeenAt: at.toISOString() }, { t, now: new Date(nowMs), timeZone })).toBe(expected)
              compared++
            }
          }
        }
      }
    }
    expect(compared).toBe(nows.length * 2 * zones.length * ages.length * 2)
  })

  it('says nothing, given a date that does not parse', () => {
    expect(storyWhen({ publishedAt: 'not a date', firstSeenAt: 'not a date' }, { t: messagesFor('ar'), now: new Date(0), timeZone: 'UTC' })).toBe('')
  })
})
