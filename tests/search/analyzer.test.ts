import { describe, expect, it } from 'vitest'
import { analyze, isStopword, stemWord } from '../../src/search/analyzer.js'

describe('analyze', () => {
  it('gives one stem to a word family, given حكومة/الحكومة/حكومات/والحكومات', () => {
    const stems = new Set(['حكومة', 'الحكومة', 'حكومات', 'والحكومات', 'بالحكومة'].map(stemWord))
    expect(stems.size).toBe(1)
  })

  it('gives one stem to plural and definite forms, given انتخابات/الانتخابات/وبالانتخابات', () => {
    expect(new Set(['انتخابات', 'الانتخابات', 'وبالانتخابات', 'الانتخاب'].map(stemWord)).size).toBe(1)
  })

  it('keeps the initial letters of names, given بوتين and فلاديمير', () => {
    expect(stemWord('بوتين')).toBe('بوتين')
    expect(stemWord('فلاديمير')).toBe('فلاديمير')
  })

  it('drops stopwords, emoji and punctuation, given a mixed string', () => {
    expect(analyze('في من على 😀 🔥 ... !!')).toEqual([])
    expect(isStopword('في')).toBe(true)
  })

  it('matches hamza and ta marbuta spellings, given الإمارات and الامارات', () => {
    expect(analyze('الإمارات')).toEqual(analyze('الامارات'))
    expect(analyze('كرة')).toEqual(analyze('كره'))
  })

  it('lower-cases Latin words and keeps digits, given Apple iPhone ٢٠١٨', () => {
    expect(analyze('Apple iPhone ٢٠١٨')).toEqual(['apple', 'iphone', '2018'])
  })

  it('reads a word whole across its marks and tatweel, given الحكـــومةُ and a direction mark inside a word', () => {
    expect(analyze('الحكـــومةُ')).toEqual(analyze('الحكومة'))
    expect(analyze('دم\u200Fشق')).toEqual(analyze('دمشق'))
  })

  it('reads letters outside the basic plane as letters, given mathematical bold 𝐀𝐁 between Arabic words', () => {
    expect(analyze('سوريا 𝐀𝐁 دمشق')).toEqual([...analyze('سوريا'), 'ab', ...analyze('دمشق')])
  })

  it('gives the same stems the second time, given the same text read twice', () => {
    const text = 'وقالت الحكومات إن الانتخابات ستجرى في موعدها'
    expect(analyze(text)).toEqual(analyze(text))
    expect(analyze(text)).toEqual(text.split(' ').map(stemWord).filter(Boolean))
  })
})
