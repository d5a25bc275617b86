import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ar } from '../../src/i18n/ar.js'
import { startHarness, type Harness } from '../helpers/bot-harness.js'
import { callbackUpdate, messageUpdate } from '../helpers/updates.js'
import { searchFixtures } from '../search/fixtures.js'

let h: Harness
beforeEach(async () => {
  h = await startHarness({}, { seed: false })
  await h.core.articles.upsert(Object.values(searchFixtures()))
})
afterEach(() => h.close())

type Keyboard = { inline_keyboard: { text: string, callback_data: string }[][] }
const lastKeyboard = () => h.api.sent().at(-1)!.payload.reply_markup as Keyboard
const lastMessageId = () => (h.api.sent().at(-1)!.result as { message_id: number }).message_id
const answers = () => h.api.callsTo('answerCallbackQuery').map((c) => c.payload.text)

describe('topicsHandler', () => {
  it('lists categories with counts and follow buttons, given /topics', async () => {
    await h.bot.handleUpdate(messageUpdate({ text: '/topics', chatId: 3001 }))
    // Only the header: no internal caveat about how outlets label their stories.
    expect(h.api.textsTo(3001)[0]).toBe('🗂️ التصنيفات (10 أخبار). اضغط للمتابعة أو إلغائها:')
    const buttons = lastKeyboard().inline_keyboard.flat()
    expect(buttons.map((b) => b.text)).toContain('➕ رياضة (2)')
    // A category with no story yet has no button.
    const count = (name: string) => Number(/\((\d+)\)$/.exec(buttons.find((b) => b.text.startsWith(`➕ ${name} (`))?.text ?? '(0)')![1])
    expect(buttons.some((b) => / \(0\)$/.test(b.text))).toBe(false)
    // «أخبار سياسية» holds both sides and the stories the classifier cannot place on either.
    expect(count('أخبار سياسية')).toBeGreaterThanOrEqual(count(ar.topics.names.middleEast) + count('دولي'))
    expect(count('دولي')).toBeGreaterThanOrEqual(3)
    expect(buttons.map((b) => b.text)).toContain('➕ أوروبا (2)')
    expect(buttons.every((b) => Buffer.byteLength(b.callback_data) <= 64)).toBe(true)
  })

  it('follows and unfollows a category from its button, updating the keyboard', async () => {
    await h.bot.handleUpdate(messageUpdate({ text: '/topics', chatId: 3002, languageCode: 'en' }))
    const messageId = lastMessageId()
    await h.bot.handleUpdate(callbackUpdate({ data: 'tf:c:sport', chatId: 3002, messageId, languageCode: 'en' }))
    expect(answers()).toEqual(['Following “Sport”'])
    expect((await h.core.profiles.get(3002))?.filters?.follow).toEqual([{ kind: 'category', key: 'sport', label: 'sport' }])
    const edited = h.api.callsTo('editMessageReplyMarkup').at(-1)!.payload.reply_markup as Keyboard
    expect(edited.inline_keyboard.flat().map((b) => b.text)).toContain('✅ Sport (2)')
    await h.bot.handleUpdate(callbackUpdate({ data: 'tf:c:sport', chatId: 3002, messageId, languageCode: 'en' }))
    expect(answers()[1]).toBe('Stopped following “Sport”')
    expect((await h.core.profiles.get(3002))?.filters?.follow).toEqual([])
  })

  it('follows a section through its short token', async () => {
    await h.bot.handleUpdate(messageUpdate({ text: '/topics', chatId: 3003 }))
    const section = lastKeyboard().inline_keyboard.flat().find((b) => b.text.includes('أوروبا'))!
    await h.bot.handleUpdate(callbackUpdate({ data: section.callback_data, chatId: 3003, messageId: lastMessageId() }))
    expect(answers()).toEqual(['تمت متابعة «أوروبا»'])
    expect((await h.core.profiles.get(3003))?.filters?.follow[0]).toMatchObject({ kind: 'section', label: 'أوروبا' })
  })

  it('answers clearly and changes nothing, given tampered or stale topic buttons', async () => {
    for (const data of ['tf:c:hacked', 'tf:s:AAAAAAAA', 'tf:zz', 'tf:c:../../etc']) {
      await h.bot.handleUpdate(callbackUpdate({ data, chatId: 3004 }))
    }
    // Well-formed buttons for a category or section that is not there are stale; the others were never ours.
    expect(answers()).toEqual([...Array(2).fill('هذا الزر قديم أو غير صالح. اكتب /topics من جديد.'), ...Array(2).fill('هذا الزر قديم أو غير صالح.')])
    expect(await h.core.profiles.get(3004)).toBeUndefined()
  })
})
