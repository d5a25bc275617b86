import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from '../helpers/bot-harness.js'
import { parseCallbackData } from '../../src/telegram/callback-data.js'
import { makeArticle, TEST_NOW } from '../helpers/core.js'
import { callbackUpdate, messageUpdate } from '../helpers/updates.js'

let h: Harness
beforeEach(async () => { h = await startHarness({}, { seed: false }) })
afterEach(() => h.close())

const recent = () => new Date(Date.parse(TEST_NOW) - 3600_000).toISOString()

describe('digestHandler', () => {
  it('previews the digest now with a button row per story, without recording it as sent, given /digest', async () => {
    const stories = [makeArticle({ title: 'قمة اقتصادية في الرياض', firstSeenAt: recent(), category: 'economy' }), makeArticle({ title: 'نتائج المباريات', firstSeenAt: recent(), category: 'sport' })]
    await h.core.articles.upsert(stories)
    await h.core.summaries.ensure(stories)
    await h.bot.handleUpdate(messageUpdate({ text: '/digest', chatId: 1101, languageCode: 'en' }))
    const [note, digest] = h.api.textsTo(1101)
    expect(note).toMatch(/^Preview: your digest/)
    expect(digest).toMatch(/^🗞️ Khulasa digest — Sunday, 29 November 2026 \(2 stories\)/)
    expect(digest).toContain('قمة اقتصادية في الرياض')
    const markup = h.api.sent().at(-1)!.payload.reply_markup as { inline_keyboard: { text: string, callback_data: string }[][] }
    expect(markup.inline_keyboard.map((row) => row.map((b) => b.text))).toEqual([['1 · قمة اقتصادية في الرياض'], ['2 · نتائج المباريات']])
    expect(markup.inline_keyboard.map(([b]) => parseCallbackData(b!.callback_data))).toEqual(stories.map((a) => ({ kind: 'story', id: a.id })))
    expect((await h.core.digests.today()).sent).toBe(0)
  })

  it('says there is nothing new, given no stories', async () => {
    await h.bot.handleUpdate(messageUpdate({ text: '/digest', chatId: 1102, languageCode: 'en' }))
    expect(h.api.textsTo(1102)).toEqual(['No new stories for your digest right now. Try /latest for the newest stories.'])
  })

  it('opens the story and its related list from the buttons of a digest sent before the story view', async () => {
    const a = makeArticle({ title: 'البنك المركزي يرفع سعر الفائدة', paragraphs: ['رفع البنك المركزي سعر الفائدة نصف نقطة لمواجهة التضخم.'], firstSeenAt: recent(), category: 'economy' })
    const b = makeArticle({ title: 'الأسواق تتراجع بعد قرار الفائدة', paragraphs: ['تراجعت الأسواق بعد أن رفع البنك المركزي سعر الفائدة لمواجهة التضخم.'], firstSeenAt: recent(), category: 'economy' })
    await h.core.articles.upsert([a, b])
    await h.core.summaries.ensure([a, b])
    await h.bot.handleUpdate(callbackUpdate({ data: `dg:more:${a.id}`, chatId: 1103 }))
    expect(h.api.textsTo(1103)[0]).toMatch(/^البنك المركزي يرفع سعر الفائدة\n/)
    await h.bot.handleUpdate(callbackUpdate({ data: `dg:rel:${a.id}`, chatId: 1103 }))
    expect(h.api.textsTo(1103)[1]).toMatch(/^🔗 مقالات ذات صلة بـ «البنك المركزي يرفع سعر الفائدة»:\n\n1\. الأسواق تتراجع بعد قرار الفائدة/)
    expect(h.api.callsTo('answerCallbackQuery')).toHaveLength(2)
  })

  it('says the story is gone, given a button for an unknown story', async () => {
    await h.bot.handleUpdate(callbackUpdate({ data: 'dg:more:000000000000', chatId: 1104, languageCode: 'en' }))
    expect(h.api.callsTo('answerCallbackQuery')[0]!.payload.text).toBe('This story is no longer available.')
  })
})
