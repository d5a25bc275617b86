import { describe, expect, it } from 'vitest'
import { acceptLlmText, digestLine, extractiveTexts } from '../../src/summarize/summarize-article.js'

const article = 'افتتح وزير الثقافة معرض الرياض الدولي للكتاب بمشاركة 500 دار نشر من 30 دولة. ويستمر المعرض عشرة أيام.'

describe('digestLine', () => {
  it('returns the first sentence, given a two-sentence summary', () => {
    expect(digestLine('افتتح الوزير المعرض. ويستمر عشرة أيام.')).toBe('افتتح الوزير المعرض.')
  })

  it('cuts at a clause and ends with a stop, given a first sentence over 220 characters', () => {
    const long = `أعلنت الحكومة عن خطة جديدة لدعم الصناعة المحلية وزيادة الصادرات إلى الأسواق الخارجية خلال السنوات الخمس المقبلة، ${'مع برامج تمويل وتدريب للشركات الصغيرة والمتوسطة في كل المحافظات '.repeat(4)}.`
    const line = digestLine(long)
    expect(line).toBe('أعلنت الحكومة عن خطة جديدة لدعم الصناعة المحلية وزيادة الصادرات إلى الأسواق الخارجية خلال السنوات الخمس المقبلة.')
  })

  it('adds the missing stop, given a summary that is a headline', () => {
    expect(digestLine('عنوان بلا نقطة')).toBe('عنوان بلا نقطة.')
  })
})

describe('extractiveTexts', () => {
  it('gives short, long and digest from one ranking, all ending on a stop, given an article', () => {
    const texts = extractiveTexts({ title: 'معرض الكتاب', paragraphs: article.split(' ويستمر').map((p, i) => (i ? `ويستمر${p}` : p)) }, { shortChars: 280, longChars: 600 })
    expect(texts.digest).toBe('افتتح وزير الثقافة معرض الرياض الدولي للكتاب بمشاركة 500 دار نشر من 30 دولة.')
    expect(texts.short).toBe(article)
    expect(texts.long).toBe(article)
  })
})

describe('acceptLlmText', () => {
  it('keeps whole sentences and drops the unfinished one, given a reply stopped mid-sentence', () => {
    expect(acceptLlmText('افتتح وزير الثقافة معرض الكتاب بمشاركة 500 دار نشر. ويستمر المعرض', article, 280)).toEqual({ ok: true, text: 'افتتح وزير الثقافة معرض الكتاب بمشاركة 500 دار نشر.' })
  })

  it.each([
    ['a reply that trails off', 'افتتح وزير الثقافة معرض الكتاب بمشاركة…', 'ends mid-sentence'],
    ['one sentence over budget', `افتتح وزير الثقافة معرض الكتاب ${'في الرياض '.repeat(40)}.`, 'over budget: 431 > 280 characters'],
    ['a reply opening on a back-reference', 'وأضاف أن المعرض يستمر عشرة أيام.', 'opens with a word that needs a sentence before it'],
    ['an invented number', 'افتتح وزير الثقافة معرض الكتاب بمشاركة 700 دار نشر.', 'number not in the article: 700'],
  ])('refuses %s', (_, reply, reason) => {
    expect(acceptLlmText(reply, article, 280)).toEqual({ ok: false, reason })
  })
})
