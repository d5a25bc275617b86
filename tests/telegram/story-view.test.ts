import { describe, expect, it } from 'vitest'
import { ar } from '../../src/i18n/ar.js'
import { parseCallbackData } from '../../src/telegram/callback-data.js'
import { shortenAtWord } from '../../src/telegram/format.js'
import { storyView, textPage, textPages } from '../../src/telegram/story-view.js'
import { makeArticle } from '../helpers/core.js'

const reader = { t: ar, now: new Date('2026-11-29T09:00:00Z'), timeZone: 'Asia/Riyadh' }
const dataOf = (b: object) => ('callback_data' in b && typeof b.callback_data === 'string' ? parseCallbackData(b.callback_data) : undefined)

describe('storyView', () => {
  it('shows headline, date and outlets, the long summary, and full text, related, source and share buttons', () => {
    const article = makeArticle({ title: 'قمة الرياض', url: 'https://example.com/s', publishedAt: '2026-11-29T07:00:00Z', section: 'العالم العربي', outlets: ['a', 'b', 'c'] })
    const { text, keyboard } = storyView(article, 'خلاصة أطول من سطرين.', reader)
    expect(text).toBe(`<b>قمة الرياض</b>\n<i>قبل ساعتين · العالم العربي · الشرق الأوسط ومصدران آخران</i>\n\nخلاصة أطول من سطرين.\n\n<code>رقم الخبر: ${article.id}</code>`)
    expect(keyboard.flat().map((b) => b.text)).toEqual(['📄 النص الكامل', '🔗 ذات صلة', '🌐 المصدر', '↗️ شارك'])
    expect(dataOf(keyboard[0]![0]!)).toEqual({ kind: 'text', id: article.id, page: 0, turn: false })
    expect(dataOf(keyboard[0]![1]!)).toEqual({ kind: 'related', id: article.id })
    expect(keyboard[1]![1]).toEqual({ text: '↗️ شارك', switch_inline_query: 'قمة الرياض' })
  })

  it('offers no full text and no source, given a headline-only story without a link', () => {
    const stub = makeArticle({ title: 'عنوان فقط', kind: 'stub', paragraphs: ['تمهيد من قائمة الناشر.'] })
    const { text, keyboard } = storyView(stub, undefined, reader)
    expect(text).toContain(`تمهيد من قائمة الناشر.\n<i>${ar.story.stubOnly}</i>`)
    expect(keyboard.flat().map((b) => b.text)).toEqual(['🔗 ذات صلة', '↗️ شارك'])
  })
})

describe('textPages', () => {
  it('splits at paragraph boundaries under the limit, keeping every paragraph whole and in order', () => {
    const paragraphs = Array.from({ length: 40 }, (_, i) => `فقرة ${i}: ${'كلمة '.repeat(40).trim()}.`)
    const pages = textPages({ paragraphs })
    expect(pages.length).toBeGreaterThan(1)
    for (const page of pages) expect(page.length).toBeLessThanOrEqual(3496)
    expect(pages.join('\n\n')).toBe(paragraphs.join('\n\n'))
  })

  it('splits one paragraph longer than a message between its sentences', () => {
    const long = Array.from({ length: 120 }, (_, i) => `هذه الجملة رقم ${i} من فقرة طويلة جداً.`).join(' ')
    const pages = textPages({ paragraphs: [long] })
    expect(pages.length).toBeGreaterThan(1)
    for (const page of pages) expect(page).toMatch(/\.$/)
  })

  it('numbers the pages with previous/next buttons and has no page past the end', () => {
    const article = makeArticle({ title: 'خبر طويل', paragraphs: Array.from({ length: 40 }, () => 'كلمة '.repeat(60).trim()) })
    const total = textPages(article).length
    const middle = textPage(article, 1, reader)!
    expect(middle.text).toContain(`الصفحة 2 من ${total}`)
    expect(middle.keyboard[0]!.map(dataOf)).toEqual([{ kind: 'text', id: article.id, page: 0, turn: true }, { kind: 'text', id: article.id, page: 2, turn: true }])
    expect(textPage(article, total, reader)).toBeUndefined()
  })
})

describe('shortenAtWord', () => {
  it('cuts at a word boundary, never inside a word, given a long headline', () => {
    expect(shortenAtWord('الأردن ولبنان يؤوي عائلات سورية لاجئة منذ سنوات', 22)).toBe('الأردن ولبنان يؤوي…')
    expect(shortenAtWord('قصير', 22)).toBe('قصير')
  })
})
