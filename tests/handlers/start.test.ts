import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from '../helpers/bot-harness.js'
import { messageUpdate } from '../helpers/updates.js'

let h: Harness
beforeEach(async () => { h = await startHarness() })
afterEach(() => h.close())

describe('startHandler', () => {
  it('subscribes the chat and greets in Arabic, given /start from an Arabic client', async () => {
    await h.bot.handleUpdate(messageUpdate({ text: '/start', chatId: 501, languageCode: 'ar', firstName: 'سارة' }))
    expect(h.api.textsTo(501)).toEqual([expect.stringMatching(/^أهلاً سارة! أنا «خلاصة»/)])
    expect(await h.core.subscribers.get(501)).toMatchObject({ chatId: 501, active: true })
    expect(await h.core.profiles.get(501)).toEqual({ chatId: 501, languageCode: 'ar', digestTime: '08:00', timeZone: 'Asia/Riyadh' })
  })

  it('greets in English, given /start from a client set to English', async () => {
    await h.bot.handleUpdate(messageUpdate({ text: '/start', chatId: 502, languageCode: 'en', firstName: 'Sam' }))
    expect(h.api.textsTo(502)[0]).toMatch(/^Hello Sam! I am Khulasa/)
  })

  it('says the subscription stands, given /start twice', async () => {
    await h.bot.handleUpdate(messageUpdate({ text: '/start', chatId: 503 }))
    await h.bot.handleUpdate(messageUpdate({ text: '/start', chatId: 503 }))
    expect(h.api.textsTo(503)[1]).toMatch(/^أهلاً من جديد/)
  })
})
