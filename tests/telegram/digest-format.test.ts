import { describe, expect, it } from 'vitest'
import { ar } from '../../src/i18n/ar.js'
import { en } from '../../src/i18n/en.js'
import { parseCallbackData } from '../../src/telegram/callback-data.js'
import { formatDigest } from '../../src/telegram/digest-format.js'
import { makeArticle } from '../helpers/core.js'

describe('formatDigest', () => {
  it('writes the day in words, numbered headlines with their date and one line, and a button naming each story', () => {
    const stories = [
      makeArticle({ title: 'خبر أول عن الاتفاق النووي', url: 'https://example.com/1', publishedAt: '2026-11-29T06:00:00Z' }),
      makeArticle({ title: 'خبر ثان', firstSeenAt: '2026-11-27T06:00:00Z' }),
    ]
    const [part, ...rest] = formatDigest(stories, ['الجملة الأولى.', undefined], ar, '2026-11-29', { now: new Date('2026-11-29T09:00:00Z'), timeZone: 'Asia/Riyadh' })
    expect(rest).toEqual([])
    expect(part!.text).toBe([
      '<b>🗞️ نشرة خلاصة — الأحد، 29 نوفمبر 2026 (خبران)</b>',
      '',
      '<b>1. خبر أول عن الاتفاق النووي</b>',
      '<i>قبل 3 ساعات</i>',
      'الجملة الأولى.',
      '',
      '<b>2. خبر ثان</b>',
      '<i>27 نوفمبر</i>',
    ].join('\n'))
    const rows = part!.replyMarkup!.inline_keyboard
    expect(rows.map((row) => row.map((b) => b.text))).toEqual([['1 · خبر أول عن الاتفاق النووي'], ['2 · خبر ثان']])
    // No button leaves Telegram: each opens the story view.
    expect(rows.map(([b]) => 'callback_data' in b! && parseCallbackData(b.callback_data))).toEqual(stories.map((s) => ({ kind: 'story', id: s.id })))
  })

  it('splits between stories under 4096 characters, each part with its own buttons, given 30 long stories', () => {
    const stories = Array.from({ length: 30 }, (_, i) => makeArticle({ title: `عنوان طويل جداً رقم ${i} `.repeat(8) }))
    const parts = formatDigest(stories, stories.map(() => 'جملة طويلة من الخلاصة '.repeat(12)), en, '2026-11-29')
    expect(parts.length).toBeGreaterThan(1)
    let seen = 0
    for (const part of parts) {
      expect(part.text.length).toBeLessThanOrEqual(4096)
      const numbers = [...part.text.matchAll(/<b>\u2068?(\d+)\. /g)].map((m) => Number(m[1]))
      expect(part.replyMarkup!.inline_keyboard.map((row) => Number(/^(\d+) · /.exec(row[0]!.text)![1]))).toEqual(numbers)
      seen += numbers.length
    }
    expect(seen).toBe(30)
    expect(parts[0]!.text).toMatch(/^<b>🗞️ Khulasa digest — Sunday, 29 November 2026 \(30 stories\)<\/b>/)
  })
})
