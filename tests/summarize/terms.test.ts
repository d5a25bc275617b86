import { describe, expect, it } from 'vitest'
import { contentTerms, termIdsOfEach } from '../../src/summarize/terms.js'

describe('contentTerms', () => {
  it('gives the same terms for a word written with diacritics, tatweel or a direction mark, given its plain form', () => {
    const plain = contentTerms('الاتفاق النووي')
    expect(plain.length).toBe(2)
    expect(contentTerms('الاتِّفاقُ النـــووي')).toEqual(plain)
    expect(contentTerms('الاتفا\u200Fق النووي')).toEqual(plain)
  })

  it('meets a word with and without the article and drops stopwords, given Arabic and English text', () => {
    expect(contentTerms('الاتفاق')).toEqual(contentTerms('اتفاق'))
    expect(contentTerms('في من على the and')).toEqual([])
    expect(contentTerms('Reuters, 2015!')).toEqual(['reuters', '2015'])
  })

  it('answers the same the second time, given a word it has already seen', () => {
    const first = contentTerms('ارتفعت أسعار النفط في الأسواق العالمية')
    expect(contentTerms('ارتفعت أسعار النفط في الأسواق العالمية')).toEqual(first)
  })

  it('gives one id to one term within a call and different ids to different terms, given several texts', () => {
    const [a, b] = termIdsOfEach(['الحكومة الجديدة', 'الحكومة الجديدة والبرلمان'])
    expect(a).toEqual(b!.slice(0, 2))
    expect(new Set(b).size).toBe(3)
  })

  it('keeps words that share a length apart, given many distinct words', () => {
    const words = Array.from({ length: 3000 }, (_, i) => `كلمة${i.toString(36)}`)
    const ids = termIdsOfEach([words.join(' ')])[0]!
    expect(new Set(ids).size).toBe(words.length)
  })
})
