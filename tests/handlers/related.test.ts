import { afterEach, beforeEach, describe, expect, it } from 'vitest'
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
    expect(text).toContain('1. الناتو يملك «أدلة» على انتشار جنود كوريين شماليين في روسيا (اختيار الناشر)')
    const rows = keyboardOf(h.api.sent().at(-1)!)
    expect(rows.slice(0, 5).map((r) => r[0]!.callback_data)).toEqual(main.related.map((id) => `art:${id}`))
  })

  it('puts a related button under every story of /latest, and the button answers', async () => {
    await h.bot.handleUpdate(messageUpdate({ text: '/latest', chatId: 3302 }))
    const call = h.api.sent().at(-1)!
    const buttons = keyboardOf(call).flat()
    expect(buttons.map((b) => b.text)).toEqual(['مقالات ذات صلة 1', 'مقالات ذات صلة 2'])
    await h.bot.handleUpdate(callbackUpdate({ data: buttons[0]!.callback_data!, chatId: 3302 }))
    expect(h.api.callsTo('answerCallbackQuery')).toHaveLength(1)
    expect(h.api.textsTo(3302).at(-1)).toMatch(/^🔗 مقالات ذات صلة بـ/)
  })

  it('shows a story carried by several outlets once, with the outlet count', async () => {
    const f = searchFixtures()
    await h.core.articles.upsert(Object.values(f))
    await h.bot.handleUpdate(messageUpdate({ text: `/related ${f.damOther!.id}`, chatId: 3303, languageCode: 'en' }))
    const text = h.api.textsTo(3303)[0]!
    expect(text.match(/سد النهضة/g)!.length).toBe(2)
    expect(text).toContain('(3 outlets)')
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
