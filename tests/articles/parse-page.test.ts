import { describe, expect, it } from 'vitest'
import { parsePage } from '../../src/articles/parse-page.js'
import { pageText, seedText } from '../helpers/seed.js'

const options = { source: 'seed.txt', seenAt: '2026-11-29T08:00:00.000Z' }

describe('parsePage', () => {
  it('finds 2 full articles and 5 linked stubs, given the seed page', () => {
    const { articles, problems } = parsePage(seedText(), options)
    const full = articles.filter((a) => a.kind === 'full')
    const stubs = articles.filter((a) => a.kind === 'stub')
    expect(problems).toEqual([])
    expect(full.map((a) => a.title)).toEqual([
      'لوكاشينكو لوزير الدفاع الصيني: نحن بحاجة لحماية دولتينا وشعبينا',
      'شولتس في زيارة مفاجئة لأوكرانيا... ويعلن عن مساعدات عسكرية جديدة',
    ])
    expect(stubs).toHaveLength(5)
    expect(full[0]!.related).toEqual(stubs.map((s) => s.id))
    expect(full[1]!.related).toEqual([])
    expect(stubs.map((s) => s.section)).toEqual(['أوروبا', 'أفريقيا', 'أوروبا', 'أوروبا', 'أوروبا'])
    expect(stubs.map((s) => s.city)).toEqual(['بروكسل', 'نواكشوط', 'موسكو', 'موسكو', 'وارسو'])
  })

  it('keeps caption, credit, byline and lede apart, given the seed page', () => {
    const { articles } = parsePage(seedText(), options)
    const [first, nato, senegal] = articles
    expect(first!.caption).toBe('الرئيس البيلاروسي ألكسندر لوكاشينكو في لقاء مع وزير الدفاع الصيني لي شانغ فو في مينسك')
    expect(first!.photoCredit).toBe('أ.ف.ب')
    expect(first!.paragraphs).toHaveLength(8)
    expect(first!.paragraphs[0]).toMatch(/^أشاد وزير الدفاع الصيني/)
    expect(nato!.caption).toBe('علم الناتو')
    expect(nato!.photoCredit).toBe('رويترز')
    expect(nato!.author).toBe('الشرق الأوسط')
    expect(nato!.paragraphs).toEqual(['أعلن حلف شمال الأطلسي، الأربعاء، أنه تأكّد من نشر جنود كوريين شماليين في روسيا، متحدثاً عن خطر تصعيد الحرب في أوكرانيا بدعم من حلفاء موسكو.'])
    expect(senegal!.author).toBe('الشيخ محمد')
    expect(senegal!.photoCredit).toBe('صحافة سنغالية')
  })

  it('gives the same ids whatever the diacritics, given a headline written two ways', () => {
    const a = parsePage(pageText({ title: 'الحكومة تُعلن خطة جديدة', body: ['نص.'] }), options).articles[0]!
    const b = parsePage(pageText({ title: 'الحكومة تعلن خطة جديدة', body: ['نص آخر.'] }), options).articles[0]!
    expect(a.id).toBe(b.id)
    expect(a.id).toMatch(/^[0-9a-f]{12}$/)
  })

  it('reads the same articles, given CRLF, a BOM, non-breaking spaces and missing blank lines', () => {
    const clean = parsePage(seedText(), options).articles
    const messy = `\uFEFF${seedText().replace(/\n\n/g, '\n').replace(/ /g, (s, i: number) => (i % 7 === 0 ? '\u00A0' : s)).replace(/\n/g, '\r\n')}`
    const parsed = parsePage(messy, options).articles
    expect(parsed.map((a) => [a.id, a.kind, a.section, a.city])).toEqual(clean.map((a) => [a.id, a.kind, a.section, a.city]))
  })

  it('keeps what was read and reports it, given a page cut off mid-article', () => {
    const text = seedText()
    const cut = text.slice(0, text.indexOf('وقال شولتس، في منشور'))
    const { articles, problems } = parsePage(cut, options)
    expect(articles.filter((a) => a.kind === 'full')).toHaveLength(2)
    expect(articles.at(-1)!.paragraphs).toHaveLength(1)
    expect(problems).toEqual([])
  })

  it('keeps the article as a stub and says so, given a page cut off right after the header', () => {
    const text = pageText({ title: 'عنوان مقطوع', body: [] })
    const { articles, problems } = parsePage(text, options)
    expect(articles).toHaveLength(1)
    expect(articles[0]!.kind).toBe('stub')
    expect(problems[0]).toMatch(/seed\.txt:\d+: article «عنوان مقطوع» has no body/)
  })

  it('reads a headline and paragraphs, given text with no page header', () => {
    const { articles, problems } = parsePage('عنوان الخبر\n\nالفقرة الأولى.\n\nالفقرة الثانية.', options)
    expect(articles[0]!.title).toBe('عنوان الخبر')
    expect(articles[0]!.paragraphs).toEqual(['الفقرة الأولى.', 'الفقرة الثانية.'])
    expect(problems[0]).toMatch(/seed\.txt:1: no article header/)
  })

  it('returns nothing and no problem, given an empty page', () => {
    expect(parsePage('', options)).toEqual({ articles: [], problems: [] })
    expect(parsePage('\n\n  \n', options)).toEqual({ articles: [], problems: [] })
  })

  it('parses a section of several words, given a related item from يوميات الشرق', () => {
    const text = pageText({
      title: 'خبر رئيسي',
      body: ['فقرة.'],
      related: [{ section: 'يوميات الشرق', caption: 'مشهد من المهرجان (أ.ب)', title: 'مهرجان في القاهرة', lede: 'افتتح مهرجان.', byline: 'محمد علي (القاهرة)' }],
    })
    const stub = parsePage(text, options).articles[1]!
    expect(stub).toMatchObject({ kind: 'stub', section: 'يوميات الشرق', caption: 'مشهد من المهرجان', photoCredit: 'أ.ب', city: 'القاهرة', author: 'محمد علي' })
  })

  it('reads all of them in order, given a file of 1,000 articles', () => {
    const text = Array.from({ length: 1000 }, (_, i) => pageText({ title: `الخبر رقم ${i}`, body: [`فقرة الخبر ${i}.`] })).join('\n')
    const { articles, problems } = parsePage(text, options)
    expect(problems).toEqual([])
    expect(articles).toHaveLength(1000)
    expect(articles[999]!.title).toBe('الخبر رقم 999')
    expect(new Set(articles.map((a) => a.id)).size).toBe(1000)
  })
})
