import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from '../helpers/bot-harness.js'
import { callbackUpdate, messageUpdate } from '../helpers/updates.js'
import { searchFixtures } from '../search/fixtures.js'

let h: Harness
beforeEach(async () => {
  h = await startHarness({}, { seed: false })
  await h.core.articles.upsert(Object.values(searchFixtures()))
})
afterEach(() => h.close())

const say = (text: string, chatId: number, languageCode = 'ar') => h.bot.handleUpdate(messageUpdate({ text, chatId, languageCode }))
const last = (chatId: number) => h.api.textsTo(chatId).at(-1)!

describe('followHandler', () => {
  it('follows a keyword and /latest then shows only matching stories, given /follow روسيا', async () => {
    await say('/follow روسيا', 3101)
    expect(last(3101)).toBe('✅ تتابع الآن «روسيا». سيعرض /latest والنشرة ما يطابقه.')
    await say('/latest 10', 3101)
    const shown = last(3101)
    expect(shown).toContain('حسب مواضيعك')
    expect(shown).toContain('الحكومة الروسية تقر ميزانية الدفاع')
    expect(shown).not.toContain('الهلال')
  })

  it('hides muted stories from /latest, given /mute كرة', async () => {
    await say('/mute كرة', 3102)
    expect(last(3102)).toBe('🔇 كتمتَ «كرة»: لن يظهر في /latest ولا في النشرة.')
    await say('/latest 10', 3102)
    expect(last(3102)).not.toContain('الهلال يفوز على النصر')
    expect(last(3102)).toContain('مدرب الهلال')
  })

  it('filters once with a hashtag and keeps the saved follows, given /latest #رياضة', async () => {
    await say('/follow روسيا', 3103)
    await say('/latest #رياضة', 3103)
    const shown = last(3103)
    expect(shown).toContain('الهلال يفوز على النصر')
    expect(shown).not.toContain('الروسية')
    expect((await h.core.profiles.get(3103))!.filters!.follow.map((t) => t.label)).toEqual(['روسيا'])
  })

  it('lists topics with remove buttons and removes one by button, given /mytopics', async () => {
    await say('/follow #اقتصاد', 3104, 'en')
    await say('/mute football', 3104, 'en')
    await say('/mytopics', 3104, 'en')
    expect(last(3104)).toBe('<b>Following:</b>\n• Economy <i>(category)</i>\n<b>Muted:</b>\n• football <i>(word)</i>\nTo remove a topic, tap it or send /unfollow <topic>.'.replace(/<\/?[bi]>/g, ''))
    const call = h.api.sent().at(-1)!
    const rows = (call.payload.reply_markup as { inline_keyboard: { text: string, callback_data: string }[][] }).inline_keyboard
    expect(rows.map((r) => r[0]!.text)).toEqual(['✖️ Economy', '✖️ football'])
    await h.bot.handleUpdate(callbackUpdate({ data: rows[0]![0]!.callback_data, chatId: 3104, languageCode: 'en', messageId: (call.result as { message_id: number }).message_id }))
    expect(h.api.callsTo('answerCallbackQuery').at(-1)!.payload.text).toBe('Removed “Economy” from your list.')
    expect((await h.core.profiles.get(3104))!.filters).toEqual({ follow: [], mute: [{ kind: 'keyword', key: 'football', label: 'football' }] })
    await h.bot.handleUpdate(callbackUpdate({ data: rows[0]![0]!.callback_data, chatId: 3104, languageCode: 'en' }))
    expect(h.api.callsTo('answerCallbackQuery').at(-1)!.payload.text).toBe('This button is old or invalid. Send /topics again.')
  })

  it('removes a topic and says when it was not there, given /unfollow', async () => {
    await say('/follow روسيا', 3105)
    await say('/unfollow الروسية', 3105)
    expect(last(3105)).toBe('أُزيل «الروسية» من قائمتك.')
    await say('/unfollow روسيا', 3105)
    expect(last(3105)).toBe('«روسيا» ليس في قائمتك. اكتب /mytopics لترى ما تتابعه.')
    await say('/mytopics', 3105)
    expect(last(3105)).toBe('لا تتابع ولا تكتم أي موضوع. ابدأ بـ /topics أو /follow روسيا.')
  })

  it('answers each bad topic clearly, given empty, 256+ chars, stopwords, emoji and injection-looking text', async () => {
    await say('/follow', 3106, 'en')
    await say(`/follow ${'روسيا '.repeat(60)}`, 3106, 'en')
    await say('/follow في من على', 3106, 'en')
    await say('/mute 😀🔥', 3106, 'en')
    await say('/follow \'; DROP TABLE subscribers; --', 3106, 'en')
    const replies = h.api.textsTo(3106)
    expect(replies[0]).toMatch(/^Usage: \/follow/)
    expect(replies[1]).toBe('That topic is longer than 64 characters. Shorten it to a word or two.')
    expect(replies[2]).toMatch(/^I found no word to follow/)
    expect(replies[3]).toMatch(/^I found no word to follow/)
    expect(replies[4]).toBe('✅ Now following “\'; DROP TABLE subscribers; --”. /latest and the digest will show what matches.')
    expect((await h.core.profiles.get(3106))!.filters!.follow[0]!.key).toBe('drop table subscribers')
  })

  it('refuses a duplicate and a list over the limit', async () => {
    await say('/follow روسيا', 3107)
    await say('/follow روسيا', 3107)
    expect(last(3107)).toBe('«روسيا» موجود في قائمتك بالفعل.')
    for (let i = 0; i < 19; i++) await say(`/mute كلمة${i}`, 3107)
    await say('/follow إيران', 3107)
    expect(last(3107)).toBe('قائمتك ممتلئة (20 موضوعاً). أزل موضوعاً بـ /unfollow أولاً.')
  })
})
