import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { LegacySubscriber } from '../../src/digest/subscribers.js'
import { createStore } from '../../src/storage/create-store.js'
import { startHarness, type Harness } from '../helpers/bot-harness.js'
import { makeArticle } from '../helpers/core.js'
import { messageUpdate } from '../helpers/updates.js'
import { addStories, fakeClock, setup, tickAndDrain } from '../digest/digests-harness.js'
import { searchFixtures } from '../search/fixtures.js'

const sport = { kind: 'category' as const, key: 'sport', label: 'sport' }
const harnesses: Harness[] = []
afterEach(async () => { for (const h of harnesses.splice(0)) await h.close() })

/** A SQLite file as the previous version left it: language, zone, digest time and topics on the subscriber. */
async function previousVersionStore(records: LegacySubscriber[]) {
  const url = `sqlite://${join(mkdtempSync(join(tmpdir(), 'khulasa-legacy-')), 'store.sqlite')}`
  const store = await createStore(url)
  await store.ns<LegacySubscriber>('subscribers').setMany(records.map((r) => ({ key: String(r.chatId), value: r })))
  await store.close()
  return url
}

describe('chat profiles migrated from the previous version\'s subscribers', () => {
  it('keeps each chat\'s topics, language and zone for replies, given a store written before profiles had their own namespace', async () => {
    const url = await previousVersionStore([
      { chatId: 7001, languageCode: 'en', active: true, digestTime: '07:15', timeZone: 'Europe/London', subscribedAt: '2026-11-01T00:00:00.000Z', nextSendAt: '2026-11-30T07:15:00.000Z', filters: { follow: [sport], mute: [] } },
      // Never subscribed: the record only held the mutes.
      { chatId: 7002, languageCode: 'ar', active: false, digestTime: '08:00', timeZone: 'Asia/Riyadh', subscribedAt: '2026-11-01T00:00:00.000Z', filters: { follow: [], mute: [sport] } },
    ])
    const h = await startHarness({ STORAGE_URL: url }, { seed: false })
    harnesses.push(h)
    await h.core.articles.upsert(Object.values(searchFixtures()))
    const say = (text: string, chatId: number, languageCode: string) => h.bot.handleUpdate(messageUpdate({ text, chatId, languageCode }))

    expect(await h.core.profiles.get(7001)).toEqual({ chatId: 7001, languageCode: 'en', digestTime: '07:15', timeZone: 'Europe/London', filters: { follow: [sport], mute: [] } })
    await say('/mytopics', 7001, 'en')
    expect(h.api.textsTo(7001).at(-1)).toContain('Sport')
    await say('/timezone', 7001, 'en')
    expect(h.api.textsTo(7001).at(-1)).toContain('Europe/London')
    await say('/latest 10', 7002, 'ar')
    expect(h.api.textsTo(7002).at(-1)).toContain('الحكومة الروسية تقر ميزانية الدفاع')
    expect(h.api.textsTo(7002).at(-1)).not.toContain('الهلال يفوز على النصر')
    // The schedule stays: the subscriber is still due at the time it had.
    expect(await h.core.subscribers.get(7001)).toMatchObject({ active: true, nextSendAt: '2026-11-30T07:15:00.000Z' })
    expect(h.core.digests.dueCount()).toBe(1)
  })

  it('sends the digest in the stored language with the stored topics, then stores the subscriber without them', async () => {
    const url = await previousVersionStore([
      { chatId: 7003, languageCode: 'en', active: true, digestTime: '08:00', timeZone: 'Asia/Riyadh', subscribedAt: '2026-11-01T00:00:00.000Z', nextSendAt: '2026-11-29T05:00:00.000Z', filters: { follow: [sport], mute: [] } },
    ])
    const clock = fakeClock('2026-11-29T04:00:00Z')
    const store = await createStore(url)
    const { core, digests, queue, sent } = await setup({ clock, store })
    try {
      await addStories(core, [
        makeArticle({ title: 'مباراة الأمس', category: 'sport', firstSeenAt: '2026-11-29T03:00:00Z' }),
        makeArticle({ title: 'أسعار النفط', category: 'economy', firstSeenAt: '2026-11-29T03:00:00Z' }),
      ])
      clock.set('2026-11-29T05:00:00Z')
      await tickAndDrain(digests, queue, clock.now())
      await digests.flushStats()
      expect(sent.map((s) => s.chatId)).toEqual([7003])
      expect(sent[0]!.text).toContain('Khulasa digest')
      expect(sent[0]!.text).toContain('مباراة الأمس')
      expect(sent[0]!.text).not.toContain('أسعار النفط')
      const stored = await store.ns<LegacySubscriber>('subscribers').get('7003')
      expect(stored).toMatchObject({ active: true, nextSendAt: '2026-11-30T05:00:00.000Z' })
      expect(Object.keys(stored!).filter((k) => ['languageCode', 'timeZone', 'digestTime', 'filters'].includes(k))).toEqual([])
      expect(await store.ns('profiles').get('7003')).toEqual({ chatId: 7003, languageCode: 'en', digestTime: '08:00', timeZone: 'Asia/Riyadh', filters: { follow: [sport], mute: [] } })
    }
    finally {
      await core.close()
    }
  })
})
