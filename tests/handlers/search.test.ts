import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseCallbackData } from '../../src/telegram/callback-data.js'
import { makeArticle } from '../helpers/core.js'
import { startHarness, type Harness } from '../helpers/bot-harness.js'
import { callbackUpdate, messageUpdate } from '../helpers/updates.js'
import { searchFixtures } from '../search/fixtures.js'

let h: Harness
beforeEach(async () => {
  h = await startHarness({}, { seed: false })
  await h.core.articles.upsert(Object.values(searchFixtures()))
})
afterEach(() => h.close())

type Button = { text: string, callback_data: string }
const keyboardOf = (call: { payload: Record<string, unknown> }) => (call.payload.reply_markup as { inline_keyboard: Button[][] }).inline_keyboard
const say = (text: string, chatId: number, languageCode = 'ar') => h.bot.handleUpdate(messageUpdate({ text, chatId, languageCode }))
const answers = () => h.api.callsTo('answerCallbackQuery').map((c) => c.payload.text)

describe('searchHandler', () => {
  it('lists the results in the message with their date and outlet, and buttons named by headline that open them, given /search سد النهضة', async () => {
    await say('/search سد النهضة', 3201)
    const text = h.api.textsTo(3201)[0]!
    expect(text).toMatch(/^🔎 نتائج «سد النهضة» — الصفحة 1\n\n1\. .*سد النهضة.*\n.+ · /)
    expect(text.match(/^\d\. /gm)).toHaveLength(4)
    const rows = keyboardOf(h.api.sent().at(-1)!)
    expect(rows).toHaveLength(4)
    expect(rows.map((r) => parseCallbackData(r[0]!.callback_data)?.kind)).toEqual(Array(4).fill('story'))
    expect(rows.map((r) => r[0]!.text.slice(0, 4))).toEqual(['1 · ', '2 · ', '3 · ', '4 · '])
    await h.bot.handleUpdate(callbackUpdate({ data: rows[0]![0]!.callback_data, chatId: 3201 }))
    const story = h.api.sent().at(-1)!
    expect(String(story.payload.text)).toContain('سد النهضة')
    expect(keyboardOf(story)[0]!.map((b) => parseCallbackData(b.callback_data)?.kind)).toEqual(['text', 'related'])
  })

  it('pages through results with next and previous buttons', async () => {
    const extra = Array.from({ length: 7 }, (_, i) => makeArticle({ title: `تقرير رقم ${i} عن المناخ`, paragraphs: [`تقرير جديد عن تغير المناخ رقم ${i}.`] }))
    await h.core.articles.upsert(extra)
    await say('/search المناخ', 3202)
    const first = h.api.sent().at(-1)!
    const rows = keyboardOf(first)
    expect(rows.slice(0, 5).every((r) => parseCallbackData(r[0]!.callback_data)?.kind === 'story')).toBe(true)
    const next = rows.at(-1)!.find((b) => b.text === 'التالي ←')!
    expect(Buffer.byteLength(next.callback_data)).toBeLessThanOrEqual(64)
    await h.bot.handleUpdate(callbackUpdate({ data: next.callback_data, chatId: 3202, messageId: (first.result as { message_id: number }).message_id }))
    const edit = h.api.callsTo('editMessageText').at(-1)!
    expect(edit.ok).toBe(true)
    expect(String(edit.payload.text)).toContain('الصفحة 2')
    expect(keyboardOf(edit).slice(0, 2).map((r) => r[0]!.text.slice(0, 4))).toEqual(['6 · ', '7 · '])
    expect(String(edit.payload.text)).toMatch(/\n<b>6\. .*\n.*\n\n<b>7\. /)
    expect(keyboardOf(edit).at(-1)!.map((b) => b.text)).toEqual(['→ السابق'])
  })

  it('answers each bad query clearly, given empty, 256+ chars, stopwords, emoji, Latin and injection-looking text', async () => {
    await say('/search', 3203, 'en')
    await say(`/search ${'ا'.repeat(257)}`, 3203, 'en')
    await say('/search في من على', 3203, 'en')
    await say('/search 😀🔥', 3203, 'en')
    await say('/search Renaissance Dam', 3203, 'en')
    await say('/search <script>alert(1)</script>', 3203, 'en')
    const replies = h.api.textsTo(3203)
    expect(replies[0]).toMatch(/^Usage: \/search/)
    expect(replies[1]).toBe('The search is longer than 256 characters. Shorten it to a few words.')
    expect(replies[2]).toMatch(/^Nothing to search for/)
    expect(replies[3]).toMatch(/^Nothing to search for/)
    expect(replies[4]).toBe('No results for “Renaissance Dam”. Try another or shorter word.')
    expect(replies[5]).toBe('No results for “<script>alert(1)</script>”. Try another or shorter word.')
    expect(h.api.calls.filter((c) => !c.ok)).toEqual([])
  })

  it('answers clearly, given a forgotten search, a page past the end, tampered data and an unknown story', async () => {
    await say('/search سد النهضة', 3204)
    const remembered = h.core.search.queries.remember('سد النهضة')
    for (const data of ['sp:AAAAAAAAAA:1', `sp:${remembered}:7`, 'sp:bad', 'art:ffffffffffff', 'art:../etc/passwd', 'rel:']) {
      await h.bot.handleUpdate(callbackUpdate({ data, chatId: 3204 }))
    }
    expect(answers()).toEqual([
      'انتهت صلاحية هذا البحث. اكتب /search من جديد.',
      'لا نتائج في هذه الصفحة. ابدأ البحث من جديد بـ /search.',
      'هذا الزر قديم أو غير صالح.',
      'لم يعد هذا الخبر متاحاً.',
      'هذا الزر قديم أو غير صالح.',
      'هذا الزر قديم أو غير صالح.',
    ])
    expect(h.api.textsTo(3204)).toHaveLength(1)
  })
})
