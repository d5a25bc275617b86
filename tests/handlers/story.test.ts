import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { callbackData, parseCallbackData } from '../../src/telegram/callback-data.js'
import { startHarness, type Harness } from '../helpers/bot-harness.js'
import { makeArticle } from '../helpers/core.js'
import { callbackUpdate, inlineQueryUpdate, messageUpdate } from '../helpers/updates.js'

let h: Harness
beforeEach(async () => { h = await startHarness() })
afterEach(() => h.close())

type Button = { text: string, callback_data?: string, url?: string, switch_inline_query?: string }
type Call = { payload: Record<string, unknown>, result?: unknown }
const keyboardOf = (call: Call) => (call.payload.reply_markup as { inline_keyboard: Button[][] }).inline_keyboard
const answers = () => h.api.callsTo('answerCallbackQuery').map((c) => c.payload.text)
const messageIdOf = (call: Call) => (call.result as { message_id: number }).message_id
const press = (data: string, chatId: number, messageId?: number) => h.bot.handleUpdate(callbackUpdate({ data, chatId, ...(messageId ? { messageId } : {}) }))
const seedStory = () => h.core.articles.latest(10).find((a) => a.related.length > 0)!

describe('storyHandler', () => {
  it('shows headline, date, outlet, the long summary and its four buttons, given /story ID', async () => {
    const article = seedStory()
    await h.bot.handleUpdate(messageUpdate({ text: `/story ${article.id}`, chatId: 3401 }))
    const [text] = h.api.textsTo(3401)
    const summary = await h.core.summaries.get(article)
    expect(summary!.long.length).toBeGreaterThan(summary!.short.length)
    expect(text).toBe(`${article.title}\nالآن · الشرق الأوسط\n\n${summary!.long}\n\nرقم الخبر: ${article.id}`)
    const buttons = keyboardOf(h.api.sent().at(-1)!).flat()
    expect(buttons.map((b) => b.text)).toEqual(['📄 النص الكامل', '🔗 ذات صلة', '↗️ شارك'])
    expect(buttons[2]!.switch_inline_query).toBe(article.title)
  })

  it('opens from the story buttons of /latest, each named by its headline', async () => {
    await h.bot.handleUpdate(messageUpdate({ text: '/latest', chatId: 3402 }))
    const buttons = keyboardOf(h.api.sent().at(-1)!).flat()
    expect(buttons.map((b) => b.text)).toEqual(['1 · لوكاشينكو لوزير الدفاع الصيني: نحن بحاجة…', '2 · شولتس في زيارة مفاجئة لأوكرانيا... ويعلن…'])
    await press(buttons[1]!.callback_data!, 3402)
    expect(h.api.textsTo(3402).at(-1)).toMatch(/^شولتس في زيارة مفاجئة لأوكرانيا\.\.\. ويعلن عن مساعدات عسكرية جديدة\n/)
  })

  it('sends the full text a page at a time and turns pages in place, given a long story', async () => {
    const long = makeArticle({ title: 'تقرير مطول عن الاقتصاد', paragraphs: Array.from({ length: 30 }, (_, i) => `الفقرة ${i + 1}: ${'تفاصيل إضافية عن الاقتصاد '.repeat(12).trim()}.`) })
    await h.core.articles.upsert([long])
    await press(callbackData({ kind: 'text', id: long.id, page: 0, turn: false }), 3403)
    const first = h.api.sent().at(-1)!
    expect(String(first.payload.text)).toMatch(/^<b>تقرير مطول عن الاقتصاد<\/b>\n<i>الصفحة 1 من 3<\/i>\n\nالفقرة 1: /)
    for (const call of h.api.callsTo('sendMessage')) expect(String(call.payload.text).length).toBeLessThanOrEqual(4096)
    const next = keyboardOf(first)[0]!.find((b) => b.text === 'التالي ←')!
    await press(next.callback_data!, 3403, messageIdOf(first))
    const edit = h.api.callsTo('editMessageText').at(-1)!
    expect(edit.ok).toBe(true)
    expect(String(edit.payload.text)).toContain('الصفحة 2 من 3')
    expect(keyboardOf(edit)[0]!.map((b) => b.text)).toEqual(['→ السابق', 'التالي ←'])
    expect(h.api.calls.filter((c) => !c.ok)).toEqual([])
  })

  it('answers clearly, given an unknown, missing or hostile id, a stale or tampered button, a page past the end and a story with no text', async () => {
    const stub = [...h.core.articles.all()].find((a) => a.kind === 'stub')!
    const empty = makeArticle({ title: 'خبر بلا نص', paragraphs: [] })
    await h.core.articles.upsert([empty])
    await h.bot.handleUpdate(messageUpdate({ text: '/story', chatId: 3404, languageCode: 'en' }))
    await h.bot.handleUpdate(messageUpdate({ text: '/story 000000000000', chatId: 3404, languageCode: 'en' }))
    await h.bot.handleUpdate(messageUpdate({ text: '/story <b>x</b>', chatId: 3404, languageCode: 'en' }))
    expect(h.api.textsTo(3404)).toEqual([
      'Usage: /story <story id>; the id is shown under a story when you open it.',
      'I know no story with the id “000000000000”. An id is 12 characters of 0-9 and a-f, shown when you open a story.',
      'I know no story with the id “<b>x</b>”. An id is 12 characters of 0-9 and a-f, shown when you open a story.',
    ])
    const story = seedStory()
    for (const data of ['art:000000000000', 'txt:000000000000:0', `txt:${story.id}:99`, `txt:${stub.id}:0`, `txt:${empty.id}:0`, `txt:${story.id}:x`, 'art:<script>']) await press(data, 3405)
    expect(answers()).toEqual([
      'لم يعد هذا الخبر متاحاً.',
      'لم يعد هذا الخبر متاحاً.',
      'هذه الصفحة لم تعد موجودة. افتح الخبر من جديد.',
      'لا نص كاملاً لهذا الخبر.',
      'لا نص كاملاً لهذا الخبر.',
      'هذا الزر قديم أو غير صالح.',
      'هذا الزر قديم أو غير صالح.',
    ])
    expect(h.api.textsTo(3405)).toEqual([])
    expect(h.api.calls.filter((c) => !c.ok)).toEqual([])
  })

  it('shows a headline-only story without a full-text button', async () => {
    const stub = [...h.core.articles.all()].find((a) => a.kind === 'stub')!
    await press(callbackData({ kind: 'story', id: stub.id }), 3406)
    const call = h.api.sent().at(-1)!
    expect(String(call.payload.text)).toContain('نصه الكامل ليس عندنا بعد')
    expect(keyboardOf(call).flat().map((b) => parseCallbackData(b.callback_data ?? '')?.kind ?? b.text)).toEqual(['related', '↗️ شارك'])
  })

  it('puts the shared story first in the inline answer, given its headline as the query', async () => {
    const story = h.core.articles.latest(10).at(-1)!
    await h.bot.handleUpdate(inlineQueryUpdate({ query: story.title }))
    const results = h.api.callsTo('answerInlineQuery')[0]!.payload.results as { id: string }[]
    expect(results[0]!.id).toBe(story.id)
  })
})
