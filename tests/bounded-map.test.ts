import { describe, expect, it } from 'vitest'
import { trimOldest } from '../src/bounded-map.js'

describe('trimOldest', () => {
  it('drops the oldest down to nine tenths of the bound, given a map one past it', () => {
    const map = new Map(Array.from({ length: 101 }, (_, i) => [i, i]))
    trimOldest(map, 100)
    expect(map.size).toBe(90)
    expect([...map.keys()][0]).toBe(11)
    expect(map.has(100)).toBe(true)
  })

  it('keeps the newest entry, given a bound of one', () => {
    const map = new Map([['a', 1], ['b', 2]])
    trimOldest(map, 1)
    expect([...map]).toEqual([['b', 2]])
  })

  it('changes nothing, given a map within its bound', () => {
    const map = new Map([[1, 1], [2, 2]])
    trimOldest(map, 2)
    expect(map.size).toBe(2)
  })
})
