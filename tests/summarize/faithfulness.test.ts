import { describe, expect, it } from 'vitest'
import { checkFaithful } from '../../src/summarize/faithfulness.js'

const article = 'أعلنت شركة Vue الاثنين أنها ستطلق 30 صالة سينمائية في السعودية بحلول عام 2019، باستثمار قدره 1,500 مليون ريال.'
const check = (summary: string, maxChars = 280) => checkFaithful(summary, article, { maxChars })

describe('checkFaithful', () => {
  it('accepts a faithful Arabic paraphrase, given numbers and a Latin name from the article', () => {
    expect(check('تعتزم Vue إطلاق 30 صالة سينمائية في السعودية بحلول 2019 باستثمار 1500 مليون ريال.')).toEqual({ ok: true })
    expect(check('تعتزم شركة Vue إطلاق ٣٠ صالة سينمائية في السعودية.')).toEqual({ ok: true })
  })

  it('rejects, naming the number, given a number the article does not contain', () => {
    expect(check('ستطلق الشركة 45 صالة سينمائية في السعودية.')).toEqual({ ok: false, reason: 'number not in the article: 45' })
  })

  it('rejects, naming the word, given a Latin-script name the article does not contain', () => {
    expect(check('تعتزم شركة AMC إطلاق 30 صالة سينمائية في السعودية.')).toEqual({ ok: false, reason: 'name not in the article: amc' })
  })

  it('rejects, given an English reply', () => {
    expect(check('Vue will open 30 cinemas in Saudi Arabia by 2019.')).toMatchObject({ ok: false, reason: expect.stringMatching(/^not mostly Arabic/) })
  })

  it('rejects, given a reply over budget, with three sentences, or empty', () => {
    expect(check('ستطلق الشركة صالات سينمائية في السعودية.', 20)).toMatchObject({ ok: false, reason: expect.stringMatching(/^over budget/) })
    expect(check('ستطلق الشركة صالات. في السعودية. قريبا جدا.')).toMatchObject({ ok: false, reason: '3 sentences, at most 2' })
    expect(check('  ')).toEqual({ ok: false, reason: 'empty reply' })
  })

  it('rejects, given mostly words the article does not contain', () => {
    expect(check('انهارت البورصة وسط ذعر المستثمرين من تقلبات الأسواق العالمية.')).toMatchObject({ ok: false, reason: expect.stringMatching(/words not in the article/) })
  })
})
