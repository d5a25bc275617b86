import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ManualClock } from '../../src/clock.js'
import { startHarness, type Harness } from '../helpers/bot-harness.js'
import { captureLogger, makeArticle } from '../helpers/core.js'
import { pageText } from '../helpers/seed.js'
import { messageUpdate } from '../helpers/updates.js'

let h: Harness
beforeEach(async () => { h = await startHarness() })
afterEach(() => h.close())

/** Pages ingested a minute after the seed, so /latest shows them first. */
const ingestPages = async (pages: string[]) => {
  ;(h.core.clock as ManualClock).advance(60_000)
  const file = join(mkdtempSync(join(tmpdir(), 'khulasa-latest-')), 'many.txt')
  writeFileSync(file, pages.join('\n'))
  await h.core.ingester.ingestFile(file)
}

describe('latestHandler', () => {
  it('sends the seed stories as headline, summary and source in HTML, given /latest', async () => {
    await h.bot.handleUpdate(messageUpdate({ text: '/latest', chatId: 701 }))
    const [call] = h.api.sent()
    expect(call!.payload.parse_mode).toBe('HTML')
    const [text] = h.api.textsTo(701)
    expect(text).toMatch(/^📰 آخر خبرين\n\n1\. لوكاشينكو لوزير الدفاع الصيني/)
    expect(text).toContain('أشاد وزير الدفاع الصيني لي شانغ فو')
    expect(text).toContain('2. شولتس في زيارة مفاجئة لأوكرانيا')
    expect(text).toContain('الشرق الأوسط')
  })

  it.each(['11', '50', '99999', '١٠٠٠٠٠'])('sends at most 10, given /latest %s', async (count) => {
    await ingestPages(Array.from({ length: 14 }, (_, i) => pageText({ title: `خبر إضافي ${i}`, body: [`نص الخبر الإضافي رقم ${i} وفيه تفاصيل كافية.`] })))
    await h.bot.handleUpdate(messageUpdate({ text: `/latest ${count}`, chatId: 702 }))
    const text = h.api.textsTo(702).join('\n')
    expect(text).toMatch(/^📰 آخر 10 أخبار/)
    expect(text).toContain('10. ')
    expect(text).not.toContain('11. ')
  })

  it('escapes article text so Telegram accepts it, given a headline with HTML-like characters', async () => {
    h.clock.advance(60_000)
    await ingestPages([pageText({ title: 'اختبار <b>وسم</b> & رمز "اقتباس" <script>', body: ['فقرة تحتوي على <i> و & و > في النص لاختبار الهروب الصحيح.'] })])
    await h.bot.handleUpdate(messageUpdate({ text: '/latest 1', chatId: 703 }))
    expect(h.api.calls.filter((c) => !c.ok)).toEqual([])
    const shown = h.api.textsTo(703)[0]!.replace(/[\u2068\u2069]/g, '')
    expect(shown).toContain('اختبار <b>وسم</b> & رمز "اقتباس" <script>')
  })

  it('says a one-off topic applies this time only, and your own topics otherwise, given /latest #رياضة then /follow روسيا and /latest', async () => {
    await h.bot.handleUpdate(messageUpdate({ text: '/latest #رياضة', chatId: 708 }))
    expect(h.api.textsTo(708)[0]).toBe('لا أخبار في «رياضة» الآن. جرّب موضوعاً آخر من /topics.')
    await h.core.articles.upsert([makeArticle({ title: 'الهلال يفوز بالكأس', category: 'sport' })])
    await h.bot.handleUpdate(messageUpdate({ text: '/latest #رياضة', chatId: 708 }))
    expect(h.api.textsTo(708)[1]).toMatch(/^📰 آخر خبر\n«رياضة» لهذه المرة فقط؛ مواضيعك المحفوظة لم تتغير \(\/mytopics\)\n\n1\. /)
    await h.bot.handleUpdate(messageUpdate({ text: '/follow روسيا', chatId: 708 }))
    await h.bot.handleUpdate(messageUpdate({ text: '/latest', chatId: 708 }))
    expect(h.api.textsTo(708).at(-1)).toMatch(/^📰 آخر .+\nحسب مواضيعك \(\/mytopics\)\n/)
  })

  it('dates each story in the chat\'s zone, given stories published an hour and two days ago', async () => {
    await h.core.articles.upsert([
      makeArticle({ title: 'خبر من قبل ساعة', publishedAt: '2026-11-29T08:00:00Z', firstSeenAt: '2026-11-29T08:30:00Z' }),
      makeArticle({ title: 'خبر من قبل يومين', publishedAt: '2026-11-27T06:00:00Z', firstSeenAt: '2026-11-29T08:30:00Z' }),
    ])
    await h.bot.handleUpdate(messageUpdate({ text: '/latest 4', chatId: 709 }))
    const text = h.api.textsTo(709)[0]!
    expect(text).toMatch(/خبر من قبل ساعة\n.*\nقبل ساعة · الشرق الأوسط/)
    expect(text).toMatch(/خبر من قبل يومين\n.*\n27 نوفمبر · الشرق الأوسط/)
  })

  it('explains the usage, given /latest abc', async () => {
    await h.bot.handleUpdate(messageUpdate({ text: '/latest abc', chatId: 704, languageCode: 'en' }))
    expect(h.api.textsTo(704)).toEqual(['Usage: /latest [a number from 1 to 10] [#topic], e.g. /latest 3 or /latest #sport'])
  })

  it('says there is nothing yet, given an empty store', async () => {
    const empty = await startHarness({}, { seed: false })
    try {
      await empty.bot.handleUpdate(messageUpdate({ text: '/latest', chatId: 705 }))
      expect(empty.api.textsTo(705)[0]).toMatch(/^لا توجد أخبار بعد/)
    }
    finally {
      await empty.close()
    }
  })

  it('logs one line and keeps serving, given Telegram answers 403 for a blocked chat', async () => {
    const capture = captureLogger()
    const logged = await startHarness({}, { logger: capture.logger })
    try {
      logged.api.blockChat(706)
      await logged.bot.handleUpdate(messageUpdate({ text: '/latest', chatId: 706 }))
      await logged.bot.handleUpdate(messageUpdate({ text: '/latest', chatId: 707 }))
      expect(logged.api.callsTo('sendMessage').map((c) => c.errorCode ?? 200)).toEqual([403, 200])
      const refusals = capture.lines().filter((l) => l.level >= 40)
      expect(refusals).toEqual([expect.objectContaining({ chat: 706, msg: 'Telegram refused the reply: Forbidden: bot was blocked by the user' })])
    }
    finally {
      await logged.close()
    }
  })
})
