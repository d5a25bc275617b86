import { DateTime } from 'luxon'
import { Telegram } from 'telegraf'
import { afterEach, describe, expect, it } from 'vitest'
import type { FilterOf } from '../../src/digest/digests.js'
import { createSentLog } from '../../src/digest/sent-log.js'
import { createStore } from '../../src/storage/create-store.js'
import { telegramDeliver } from '../../src/telegram/deliver.js'
import { makeArticle } from '../helpers/core.js'
import { startFakeBotApi } from '../helpers/fake-bot-api.js'
import { addStories, fakeClock, setup, subscribe, tickAndDrain } from './digests-harness.js'

const cleanup: (() => Promise<void>)[] = []
afterEach(async () => { for (const f of cleanup.splice(0).reverse()) await f() })

describe('createDigests', () => {
  it('sends only to subscribers whose local time has come, given three times and zones', async () => {
    const clock = fakeClock('2026-11-29T04:00:00Z')
    const { core, digests, queue, sent } = await setup({ clock })
    await addStories(core, [makeArticle({ title: 'خبر اليوم', firstSeenAt: '2026-11-29T03:00:00Z' })])
    await subscribe(core, 1, '08:00', 'Asia/Riyadh')
    await subscribe(core, 2, '09:00', 'Asia/Riyadh')
    await subscribe(core, 3, '08:00', 'Europe/Berlin')
    const seen: number[][] = []
    for (const at of ['2026-11-29T04:59:00Z', '2026-11-29T05:00:00Z', '2026-11-29T06:00:00Z', '2026-11-29T07:00:00Z', '2026-11-29T07:01:00Z']) {
      clock.set(at)
      await tickAndDrain(digests, queue, clock.now())
      seen.push(sent.splice(0).map((s) => s.chatId))
    }
    expect(seen).toEqual([[], [1], [2], [3], []])
  })

  it('sends one digest per local day at the local time across DST changes in Berlin and New York, given a minute-by-minute fake clock', async () => {
    const clock = fakeClock('2026-03-06T12:00:00Z')
    // The simulated days pass in milliseconds; Telegram's one message a second per chat is real time.
    const { core, digests, queue, sent } = await setup({ clock, perChatIntervalMs: 0 })
    await subscribe(core, 10, '08:00', 'Europe/Berlin')
    await subscribe(core, 11, '02:30', 'Europe/Berlin')
    await subscribe(core, 12, '08:00', 'America/New_York')
    await subscribe(core, 13, '01:30', 'America/New_York')
    // Both spring-forward days (New York 8 March, Berlin 29 March), then both fall-back days.
    const windows = [['2026-03-07T00:00:00Z', '2026-03-10T00:00:00Z'], ['2026-03-28T00:00:00Z', '2026-03-31T00:00:00Z'], ['2026-10-24T00:00:00Z', '2026-10-27T00:00:00Z'], ['2026-10-31T00:00:00Z', '2026-11-03T00:00:00Z']] as const
    for (const [from, to] of windows) {
      // Each window starts as if the times were just chosen, so no digest is a late catch-up.
      clock.set(from)
      for (const chatId of [10, 11, 12, 13]) await core.subscribers.reschedule(chatId, {})
      for (let t = Date.parse(from); t < Date.parse(to); t += 60_000) {
        if (t % (6 * 3600_000) === 0) await addStories(core, [makeArticle({ title: `خبر ${t}`, firstSeenAt: new Date(t).toISOString() })])
        clock.set(t)
        const report = await digests.tick(clock.now())
        if (report.enqueued > 0) await queue.drain()
      }
    }
    const byChat = (chatId: number, zone: string) => sent.filter((s) => s.chatId === chatId).map((s) => DateTime.fromJSDate(s.at, { zone }).toFormat('yyyy-MM-dd HH:mm'))
    const berlin8 = byChat(10, 'Europe/Berlin')
    expect(berlin8.filter((d) => d.startsWith('2026-03-29'))).toEqual(['2026-03-29 08:00'])
    expect(berlin8.filter((d) => d.startsWith('2026-10-25'))).toEqual(['2026-10-25 08:00'])
    expect(berlin8.every((d) => d.endsWith('08:00'))).toBe(true)
    const berlin230 = byChat(11, 'Europe/Berlin')
    expect(berlin230.filter((d) => d.startsWith('2026-03-29'))).toEqual(['2026-03-29 03:30'])
    expect(berlin230.filter((d) => d.startsWith('2026-10-25'))).toHaveLength(1)
    const ny8 = byChat(12, 'America/New_York')
    expect(ny8.filter((d) => d.startsWith('2026-03-08'))).toEqual(['2026-03-08 08:00'])
    expect(ny8.filter((d) => d.startsWith('2026-11-01'))).toEqual(['2026-11-01 08:00'])
    expect(byChat(13, 'America/New_York').filter((d) => d.startsWith('2026-11-01'))).toEqual(['2026-11-01 01:30'])
    for (const [chatId, zone] of [[10, 'Europe/Berlin'], [11, 'Europe/Berlin'], [12, 'America/New_York'], [13, 'America/New_York']] as const) {
      const days = byChat(chatId, zone).map((d) => d.slice(0, 10))
      expect(new Set(days).size).toBe(days.length)
    }
    expect(byChat(10, 'Europe/Berlin')).toHaveLength(12)
  })

  it('gives each subscriber only stories matching their filters and composes once per filter set', async () => {
    const clock = fakeClock('2026-11-29T04:00:00Z')
    const filterOf: FilterOf = (s) => (s.chatId % 2 ? { key: 'sport', matches: (a) => a.category === 'sport' } : { key: 'economy', matches: (a) => a.category === 'economy' })
    const { core, digests, queue, sent } = await setup({ clock, filterOf })
    await addStories(core, [
      makeArticle({ title: 'مباراة الأمس', category: 'sport', firstSeenAt: '2026-11-29T03:00:00Z' }),
      makeArticle({ title: 'أسعار النفط', category: 'economy', firstSeenAt: '2026-11-29T03:00:00Z' }),
    ])
    for (let chatId = 1; chatId <= 6; chatId++) await subscribe(core, chatId, '08:00', 'Asia/Riyadh')
    const report = await tickAndDrain(digests, queue, new Date('2026-11-29T05:00:00Z'))
    expect(report).toMatchObject({ due: 6, enqueued: 6, groups: 2 })
    for (const s of sent) {
      expect(s.text).toContain(s.chatId % 2 ? 'مباراة الأمس' : 'أسعار النفط')
      expect(s.text).not.toContain(s.chatId % 2 ? 'أسعار النفط' : 'مباراة الأمس')
    }
  })

  it('applies followed and muted topics by default, given subscribers with topic filters', async () => {
    const clock = fakeClock('2026-11-29T04:00:00Z')
    const { core, digests, queue, sent } = await setup({ clock })
    await addStories(core, [
      makeArticle({ title: 'مباراة الأمس', category: 'sport', firstSeenAt: '2026-11-29T03:00:00Z' }),
      makeArticle({ title: 'أسعار النفط', category: 'economy', firstSeenAt: '2026-11-29T03:00:00Z' }),
    ])
    for (const chatId of [1, 2, 3]) await subscribe(core, chatId, '08:00', 'Asia/Riyadh')
    const sport = { kind: 'category' as const, key: 'sport', label: 'sport' }
    await core.profiles.update(1, 'ar', { filters: { follow: [sport], mute: [] } })
    await core.profiles.update(2, 'ar', { filters: { follow: [], mute: [sport] } })
    const report = await tickAndDrain(digests, queue, new Date('2026-11-29T05:00:00Z'))
    expect(report.groups).toBe(3)
    const text = (chatId: number) => sent.find((s) => s.chatId === chatId)!.text
    expect(text(1)).toContain('مباراة الأمس')
    expect(text(1)).not.toContain('أسعار النفط')
    expect(text(2)).not.toContain('مباراة الأمس')
    expect(text(3)).toContain('مباراة الأمس')
    expect(text(3)).toContain('أسعار النفط')
  })

  it('keeps the stories of a digest left in doubt by a crash for the next digest, and does not send it again', async () => {
    const clock = fakeClock('2026-11-29T04:00:00Z')
    const { core, digests, queue, sent, store } = await setup({ clock })
    const story = makeArticle({ title: 'خبر معلق', firstSeenAt: '2026-11-29T03:00:00Z' })
    await addStories(core, [story])
    await subscribe(core, 9, '08:00', 'Asia/Riyadh')
    await createSentLog(store, clock).set('digest:2026-11-29:9', { parts: 1, done: 0, inFlight: 0, state: 'sending', at: '' })
    clock.set('2026-11-29T05:00:00Z')
    await tickAndDrain(digests, queue, clock.now())
    expect(sent).toEqual([])
    const subscriber = await core.subscribers.get(9)
    expect(subscriber!.nextSendAt).toBe('2026-11-30T05:00:00.000Z')
    expect(subscriber!.recentStoryIds ?? []).not.toContain(story.id)
    clock.set('2026-11-30T05:00:00Z')
    await tickAndDrain(digests, queue, clock.now())
    expect(sent.map((s) => s.text.includes('خبر معلق'))).toEqual([true])
  })

  it('never sends a story twice and skips a day with nothing new, given the same stories on the next day', async () => {
    const clock = fakeClock('2026-11-29T04:00:00Z')
    const { core, digests, queue, sent } = await setup({ clock })
    const story = makeArticle({ title: 'خبر واحد', firstSeenAt: '2026-11-29T03:00:00Z' })
    await addStories(core, [story])
    await subscribe(core, 5, '08:00', 'Asia/Riyadh')
    await tickAndDrain(digests, queue, new Date('2026-11-29T05:00:00Z'))
    await addStories(core, [{ ...story, outlets: [...story.outlets, 'cnn'] }])
    const next = await tickAndDrain(digests, queue, new Date('2026-11-30T05:00:00Z'))
    expect(sent).toHaveLength(1)
    expect(next).toMatchObject({ due: 1, enqueued: 0, nothingNew: 1 })
    expect((await core.subscribers.get(5))!.nextSendAt).toBe('2026-12-01T05:00:00.000Z')
  })

  it('switches the subscription off, given a chat that blocked the bot (403 through the fake Bot API)', async () => {
    const api = await startFakeBotApi()
    cleanup.push(() => api.close())
    const clock = fakeClock('2026-11-29T04:00:00Z')
    const { core, digests, queue } = await setup({ clock, deliver: telegramDeliver(new Telegram(api.token, { apiRoot: api.apiRoot })) })
    await addStories(core, [makeArticle({ title: 'خبر', firstSeenAt: '2026-11-29T03:00:00Z' })])
    await subscribe(core, 77, '08:00', 'Asia/Riyadh')
    api.blockChat(77)
    await tickAndDrain(digests, queue, new Date('2026-11-29T05:00:00Z'))
    const subscriber = await core.subscribers.get(77)
    expect(subscriber!.active).toBe(false)
    expect(subscriber!.nextSendAt).toBeUndefined()
    expect(digests.dueCount()).toBe(0)
    expect((await digests.today()).failures.blocked).toBe(0)
    await digests.flushStats()
    expect((await digests.today()).failures.blocked).toBe(1)
  })

  it('resumes after a restart in the middle of a run with no duplicate and no loss, through the fake Bot API', async () => {
    const api = await startFakeBotApi({ rateLimits: { globalPerSecond: 30, perChatPerSecond: 1 } })
    cleanup.push(() => api.close())
    const store = await createStore('memory://')
    const clock = fakeClock('2026-11-29T04:00:00Z')
    const deliver = telegramDeliver(new Telegram(api.token, { apiRoot: api.apiRoot }))
    const first = await setup({ clock, store, deliver })
    await addStories(first.core, Array.from({ length: 3 }, (_, i) => makeArticle({ title: `خبر ${i}`, firstSeenAt: '2026-11-29T03:00:00Z' })))
    for (let chatId = 1; chatId <= 40; chatId++) await subscribe(first.core, chatId, '08:00', 'Asia/Riyadh')
    clock.set('2026-11-29T05:00:00Z')
    await first.digests.tick(clock.now())
    await api.waitForCalls('sendMessage', 15)
    await first.queue.close()
    const before = api.sent().length
    expect(before).toBeLessThan(40)

    const second = await setup({ clock, store, deliver, coldStart: true })
    clock.set('2026-11-29T05:01:00Z')
    await tickAndDrain(second.digests, second.queue, clock.now())
    const chats = api.sent().map((c) => c.payload.chat_id)
    expect(chats).toHaveLength(40)
    expect(new Set(chats).size).toBe(40)
    expect(api.rateLimitViolations).toBe(0)
    for (let chatId = 1; chatId <= 40; chatId++) {
      const subscriber = await second.core.subscribers.get(chatId)
      expect(subscriber!.nextSendAt).toBe('2026-11-30T05:00:00.000Z')
      expect(subscriber!.pending).toBeUndefined()
    }
  })
})
