import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { callbackData, parseCallbackData } from '../../src/telegram/callback-data.js'
import { startHarness, type Harness } from '../helpers/bot-harness.js'
import { callbackUpdate, messageUpdate } from '../helpers/updates.js'
import { searchFixtures } from '../search/fixtures.js'

let h: Harness
beforeEach(async () => { h = await startHarness() })
afterEach(() => h.close())

type Button = { text: string, callback_data?: string }
const keyboardOf = (call: { payload: Record<string, unknown> }) => (call.payload.reply_markup as { inline_keyboard: Button[][] }).inline_keyboard

describe('relatedHandler', () => {
  it('lists the publisher links first, given /related on the seed article', async () => {
    const main = h.core.articles.latest(10).find((a) => a.related.length > 0)!
    await h.bot.handleUpdate(messageUpdate({ text: `/related ${main.id}`, chatId: 3301 }))
    const text = h.api.textsTo(3301)[0]!
    expect(text).toMatch(/^🔗 مقالات ذات صلة بـ «لوكاشينكو/)
    expect(text).toMatch(/\n1\. الناتو يملك «أدلة» على انتشار جنود كوريين شماليين في روسيا\nالآن · اختيار الناشر\n/)
    // The outlet is named only where it differs from the story's own.
    expect(text).not.toContain('· الشرق الأوسط')
    // Each item names its story and opens it in the story view.
    const rows = h.api.sent().flatMap((call) => (call.payload.reply_markup ? keyboardOf(call) : []))
    expect(rows.slice(0, 5).map((r) => parseCallbackData(r[0]!.callback_data!))).toEqual(main.related.map((id) => ({ kind: 'story', id })))
    expect(rows[0]![0]!.text).toBe('1 · الناتو يملك «أدلة» على انتشار جنود كوريين…')
  })

  it('answers the story view\'s related button and an old digest\'s, with the same list', async () => {
    const main = h.core.articles.latest(10).find((a) => a.related.length > 0)!
    await h.bot.handleUpdate(callbackUpdate({ data: callbackData({ kind: 'related', id: main.id }), chatId: 3302 }))
    await h.bot.handleUpdate(callbackUpdate({ data: `dg:rel:${main.id}`, chatId: 3302 }))
    expect(h.api.callsTo('answerCallbackQuery')).toHaveLength(2)
    const [fromStory, fromDigest] = h.api.textsTo(3302)
    expect(fromStory).toMatch(/^🔗 مقالات ذات صلة بـ «لوكاشينكو/)
    expect(fromDigest).toBe(fromStory)
  })

  it('shows a story carried by several outlets once, with the outlet count', async () => {
    const f = searchFixtures()
    await h.core.articles.upsert(Object.values(f))
    await h.bot.handleUpdate(messageUpdate({ text: `/related ${f.damOther!.id}`, chatId: 3303, languageCode: 'en' }))
    const text = h.api.textsTo(3303)[0]!
    expect(text.match(/سد النهضة/g)!.length).toBe(2)
    expect(text).toContain('and 2 other outlets')
  })

  it('answers clearly, given no id, an unknown id and an injection-looking id', async () => {
    await h.bot.handleUpdate(messageUpdate({ text: '/related', chatId: 3304, languageCode: 'en' }))
    await h.bot.handleUpdate(messageUpdate({ text: '/related 000000000000', chatId: 3304, languageCode: 'en' }))
    await h.bot.handleUpdate(messageUpdate({ text: '/related <b>1</b>; rm -rf /', chatId: 3304, languageCode: 'en' }))
    const [usage, unknown, evil] = h.api.textsTo(3304)
    expect(usage).toMatch(/^Usage: \/related <story id>/)
    expect(unknown).toMatch(/^I know no story with the id “000000000000”/)
    expect(evil).toMatch(/^I know no story with the id “<b>1<\/b>; rm -rf \/”/)
  })
})
