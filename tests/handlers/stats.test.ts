import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from '../helpers/bot-harness.js'
import { messageUpdate } from '../helpers/updates.js'

let h: Harness
beforeEach(async () => { h = await startHarness({ ADMIN_IDS: '42, 43' }) })
afterEach(() => h.close())

describe('statsHandler', () => {
  it('refuses anyone not in ADMIN_IDS', async () => {
    await h.bot.handleUpdate(messageUpdate({ text: '/stats', chatId: 1201, languageCode: 'en' }))
    expect(h.api.textsTo(1201)).toEqual(['This command is for admins only.'])
  })

  it('shows articles, subscribers, digests sent today, failures and LLM tokens, given an admin', async () => {
    await h.core.subscribers.subscribe(7, 'ar')
    await h.bot.handleUpdate(messageUpdate({ text: '/stats', chatId: 42, languageCode: 'en' }))
    expect(h.api.textsTo(42)[0]).toBe([
      '📊 Khulasa stats',
      `Articles kept: ${h.core.articles.count()}`,
      'Removed as too old: 0',
      'Active subscribers: 1',
      'Digests sent today (UTC): 0',
      'Queued now: 0',
      'Failures today: none',
      'LLM tokens (prompt + completion): 0 (0 + 0)',
    ].join('\n'))
    expect(h.core.articles.count()).toBeGreaterThan(0)
  })
})
