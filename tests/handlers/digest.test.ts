import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from '../helpers/bot-harness.js'
import { makeArticle } from '../helpers/core.js'
import { callbackUpdate, messageUpdate } from '../helpers/updates.js'

let h: Harness
beforeEach(async () => { h = await startHarness({}, { seed: false }) })
afterEach(() => h.close())

const recent = () => new Date(Date.now() - 3600_000).toISOString()

describe('digestHandler', () => {
  it('previews the digest now with a button row per story, without recording it as sent, given /digest', async () => {
    const stories = [makeArticle({ title: 'قمة اقتصادية في الرياض', firstSeenAt: recent(), category: 'economy' }), makeArticle({ title: 'نتائج المباريات', firstSeenAt: recent(), category: 'sport' })]
    await h.core.articles.upsert(stories)
    await h.core.summaries.ensure(stories)
    await h.bot.handleUpdate(messageUpdate({ text: '/digest', chatId: 1101, languageCode: 'en' }))
    const [note, digest] = h.api.textsTo(1101)
    expect(note).toMatch(/^Preview: your digest/)
    expect(digest).toMatch(/^🗞️ Khulasa digest — \d{4}-\d{2}-\d{2} \(2 stories\)/)
    expect(digest).toContain('قمة اقتصادية في الرياض')
    const markup = h.api.sent().at(-1)!.payload.reply_markup as { inline_keyboard: { text: string }[][] }
    expect(markup.inline_keyboard.map((row) => row.map((b) => b.text))).toEqual([['1 · related', '1 · more'], ['2 · related', '2 · more']])
    expect((await h.core.digests.today()).sent).toBe(0)
  })

  it('says there is nothing new, given no stories', async () => {
    await h.bot.handleUpdate(messageUpdate({ text: '/digest', chatId: 1102, languageCode: 'en' }))
    expect(h.api.textsTo(1102)).toEqual(['No new stories for your digest right now. Try /latest for the newest stories.'])
  })

  it('answers the more and related buttons of a digest story', async () => {
    const [a, b] = [makeArticle({ title: 'خبر الاقتصاد الأول', firstSeenAt: recent(), category: 'economy' }), makeArticle({ title: 'خبر الاقتصاد الثاني', firstSeenAt: recent(), category: 'economy' })]
    await h.core.articles.upsert([a!, b!])
    await h.core.summaries.ensure([a!, b!])
    await h.bot.handleUpdate(callbackUpdate({ data: `dg:more:${a!.id}`, chatId: 1103 }))
    expect(h.api.textsTo(1103)[0]).toContain('خبر الاقتصاد الأول')
    await h.bot.handleUpdate(callbackUpdate({ data: `dg:rel:${a!.id}`, chatId: 1103 }))
    expect(h.api.textsTo(1103)[1]).toMatch(/^أخبار ذات صلة بـ «خبر الاقتصاد الأول»:\n\n<?.*خبر الاقتصاد الثاني/s)
    expect(h.api.callsTo('answerCallbackQuery')).toHaveLength(2)
  })

  it('says the story is gone, given a button for an unknown story', async () => {
    await h.bot.handleUpdate(callbackUpdate({ data: 'dg:more:000000000000', chatId: 1104, languageCode: 'en' }))
    expect(h.api.callsTo('answerCallbackQuery')[0]!.payload.text).toBe('This story is no longer available.')
  })
})
