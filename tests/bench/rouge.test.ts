import { describe, expect, it } from 'vitest'
import { rouge, rougeMulti } from '../../bench/lib/rouge.js'

describe('rouge', () => {
  // candidate: ذهب الولد الي المدرسه (4 words); reference: الولد ذهب الي المدرسه صباحا (5 words)
  // R1: 4 shared → P 4/4, R 4/5 → F1 8/9. R2: 1 shared bigram (الي المدرسه) of 3 and 4 → F1 2/7.
  // RL: LCS 3 (الولد الي المدرسه) → P 3/4, R 3/5 → F1 2/3.
  it('matches the hand-computed F1 scores, given Arabic with different alef and ta marbuta spellings', () => {
    const s = rouge('ذهب الولد إلى المدرسة', 'الولد ذهب الى المدرسه صباحاً')
    expect(s.r1).toBeCloseTo(8 / 9, 10)
    expect(s.r2).toBeCloseTo(2 / 7, 10)
    expect(s.rl).toBeCloseTo(2 / 3, 10)
  })

  it('scores 0 without crashing, given an empty candidate', () => {
    expect(rouge('', 'نص مرجعي')).toEqual({ r1: 0, r2: 0, rl: 0 })
  })

  it('averages over references, given one identical and one disjoint reference', () => {
    expect(rougeMulti('قمة الرياض', ['قمة الرياض', 'مباراة كرة']).r1).toBeCloseTo(0.5, 10)
  })
})
