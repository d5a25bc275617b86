import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { messagesFor } from '../../src/i18n/messages.js'
import { startHarness, type Harness } from '../helpers/bot-harness.js'
import { messageUpdate } from '../helpers/updates.js'

let h: Harness
beforeEach(async () => { h = await startHarness({}, { seed: false }) })
afterEach(() => h.close())

describe('helpHandler', () => {
  it.each(['ar', 'en'])('lists every command with its usage, given /help in %s', async (lang) => {
    await h.bot.handleUpdate(messageUpdate({ text: '/help', chatId: 601, languageCode: lang }))
    const [text] = h.api.textsTo(601)
    for (const [, usage, description] of messagesFor(lang).commands) {
      expect(text).toContain(usage)
      expect(text).toContain(description)
    }
  })

  it('points to /help, given an unknown command', async () => {
    await h.bot.handleUpdate(messageUpdate({ text: '/nonsense', chatId: 602 }))
    expect(h.api.textsTo(602)).toEqual([messagesFor('ar').errors.unknownCommand])
  })
})
