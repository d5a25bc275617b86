import { describe, expect, it } from 'vitest'
import { CATEGORIES } from '../../../src/search/categories.js'
import { calibrateThresholds, labelIsRight, pickThreshold } from '../../../bench/lib/topics/calibrate.js'

const items = (spec: [number, boolean][]) => spec.map(([confidence, right]) => ({ confidence, right }))

describe('pickThreshold', () => {
  it('picks the lowest confidence at which the stories above it are still right often enough', () => {
    // 0.9 and above: 3/3 right; down to 0.7: 4/5; down to 0.5: 4/6.
    const scored = items([[0.99, true], [0.95, true], [0.9, true], [0.8, false], [0.7, true], [0.5, false]])
    expect(pickThreshold(scored, { precision: 0.8, minSupport: 1, marginalPrecision: 0 })).toBe(0.7)
    expect(pickThreshold(scored, { precision: 0.9, minSupport: 1, marginalPrecision: 0 })).toBe(0.9)
  })

  it('stops where the stories just above the threshold turn mostly wrong, though the precision over all still holds', () => {
    // Twenty sure and right, then right, wrong, wrong, wrong, right: 22/25 overall at 0.3, but 2 of the last 5;
    // at 0.6 the last 5 are 4 right.
    const confident = Array.from({ length: 20 }, (_, i): [number, boolean] => [0.99 - i * 0.001, true])
    const scored = items([...confident, [0.7, true], [0.6, false], [0.5, false], [0.4, false], [0.3, true]])
    expect(pickThreshold(scored, { precision: 0.85, minSupport: 5, marginalPrecision: 0 })).toBe(0.3)
    expect(pickThreshold(scored, { precision: 0.85, minSupport: 5, marginalPrecision: 0.75 })).toBe(0.6)
  })

  it('answers null, given a label that never reaches the precision or too few stories', () => {
    expect(pickThreshold(items([[0.99, false], [0.9, true]]), { precision: 0.9, minSupport: 1, marginalPrecision: 0 })).toBeNull()
    expect(pickThreshold(items([[0.99, true], [0.9, true]]), { precision: 0.9, minSupport: 3 })).toBeNull()
    expect(pickThreshold([], { minSupport: 1 })).toBeNull()
  })

  it('never splits tied confidences, given a wrong story tied with right ones', () => {
    expect(pickThreshold(items([[1, true], [1, true], [1, false], [0.5, true]]), { precision: 0.9, minSupport: 1 })).toBeNull()
  })
})

describe('labelIsRight', () => {
  it('counts «news» right on either political class and nowhere else', () => {
    expect(labelIsRight('news', 'middleEast')).toBe(true)
    expect(labelIsRight('news', 'internationalNews')).toBe(true)
    expect(labelIsRight('news', 'sport')).toBe(false)
    expect(labelIsRight('middleEast', 'internationalNews')).toBe(false)
  })
})

describe('calibrateThresholds', () => {
  const p = (c: typeof CATEGORIES[number], x: number) => CATEGORIES.map((k) => (k === c ? x : (1 - x) / 5))

  it('never shows a side of political news the outlets do not agree on, and shows «news» instead', () => {
    // Sure middleEast votes whose gold is half middleEast, half internationalNews; sport votes always right.
    const scored = [
      ...Array.from({ length: 10 }, (_, i) => ({ p: p('middleEast', 0.9), gold: i % 2 ? 'middleEast' as const : 'internationalNews' as const })),
      ...Array.from({ length: 10 }, () => ({ p: p('sport', 0.8), gold: 'sport' as const })),
    ]
    const thresholds = calibrateThresholds(scored, CATEGORIES, { precision: 0.9, minSupport: 5 })
    expect(thresholds.middleEast).toBeNull()
    expect(thresholds.news).toBeCloseTo(0.9 + 0.1 / 5)
    expect(thresholds.sport).toBe(0.8)
    expect(thresholds.culture).toBeNull()
  })
})
