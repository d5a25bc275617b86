import { describe, expect, it } from 'vitest'
import { createStemMemo } from '../../src/search/stem-memo.js'

describe('createStemMemo', () => {
  it('keeps a word read in every generation and forgets one-off words, given far more distinct words than it holds', () => {
    const memo = createStemMemo(100)
    const look = (h: number, length = 5) => memo.stem(h, h * 7 + 1, length) ?? (memo.add(h, h * 7 + 1, length, `s${h}`), undefined)
    look(1)
    for (let n = 2; n < 2000; n++) {
      look(n * 13)
      if (n % 50 === 0) expect(look(1)).toBe('s1')
    }
    expect(memo.stem(2 * 13, 2 * 13 * 7 + 1, 5)).toBeUndefined()
    expect(memo.size()).toBeLessThanOrEqual(200)
  })

  it('tells words apart by length and both hashes, given words that share one hash', () => {
    const memo = createStemMemo(100)
    memo.stem(9, 1, 3)
    memo.add(9, 1, 3, 'a')
    expect(memo.stem(9, 2, 3)).toBeUndefined()
    memo.add(9, 2, 3, 'b')
    expect(memo.stem(9, 1, 4)).toBeUndefined()
    memo.add(9, 1, 4, 'c')
    expect([memo.stem(9, 1, 3), memo.stem(9, 2, 3), memo.stem(9, 1, 4)]).toEqual(['a', 'b', 'c'])
  })
})
