import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../../src/core.js'
import { createLogger } from '../../src/logger.js'
import { startHarness, type Harness } from '../helpers/bot-harness.js'
import { testCore } from '../helpers/core.js'
import { channelPostUpdate, messageUpdate } from '../helpers/updates.js'

let h: Harness
beforeEach(async () => { h = await startHarness() })
afterEach(() => h.close())

const say = (text: string, chatId: number, languageCode = 'en') => h.bot.handleUpdate(messageUpdate({ text, chatId, languageCode }))
const last = (chatId: number) => h.api.textsTo(chatId).at(-1)
/** The chat's schedule joined with its profile (digest time and zone). */
const subscription = async (core: Core, chatId: number) => (await core.subscribers.subscriptions([chatId]))[0]

describe('subscribeHandler', () => {
  it('subscribes at DIGEST_TIME in DEFAULT_TZ and schedules the next digest, given /subscribe', async () => {
    await say('/subscribe', 801, 'ar')
    expect(last(801)).toMatch(/^تم الاشتراك ✅ ستصلك النشرة اليومية كل يوم الساعة 08:00 بتوقيت Asia\/Riyadh/)
    const subscriber = await subscription(h.core, 801)
    expect(subscriber).toMatchObject({ active: true, digestTime: '08:00', timeZone: 'Asia/Riyadh' })
    expect(new Date(subscriber!.nextSendAt!).getUTCHours()).toBe(5)
    expect(h.core.digests.dueCount()).toBe(1)
  })

  it('takes the time from the command, given /subscribe 07:30', async () => {
    await say('/subscribe 07:30', 802)
    expect(last(802)).toMatch(/^Subscribed ✅ Your daily digest arrives every day at 07:30 \(Asia\/Riyadh\)/)
  })

  it('says the subscription already stands, given /subscribe twice', async () => {
    await say('/subscribe', 803)
    await say('/subscribe', 803)
    expect(last(803)).toBe('You are already subscribed; your digest arrives at 08:00 (Asia/Riyadh). To change the time: /time HH:MM')
    await say('/subscribe 06:15', 803)
    expect(last(803)).toBe('You are already subscribed; I moved your digest to 06:15 (Asia/Riyadh).')
  })

  it('says there is nothing to stop, given /unsubscribe when not subscribed', async () => {
    await say('/unsubscribe', 804)
    expect(last(804)).toBe('You are not subscribed to the daily digest, so there is nothing to stop. To subscribe: /subscribe')
  })

  it('stops the digest and drops it from the schedule, given /unsubscribe after /subscribe', async () => {
    await say('/subscribe', 805)
    await say('/unsubscribe', 805)
    expect(last(805)).toMatch(/^You are unsubscribed/)
    expect(await subscription(h.core, 805)).toMatchObject({ active: false })
    expect(h.core.digests.dueCount()).toBe(0)
  })

  it('moves the digest and names the next one in local time, given /time 06:45', async () => {
    await say('/subscribe', 806)
    await say('/time 06:45', 806)
    expect(last(806)).toMatch(/^Done ✅ Your digest arrives at 06:45 \(Asia\/Riyadh\)\. Next digest: Monday 30 November, 06:45\.$/)
    expect(new Date((await subscription(h.core, 806))!.nextSendAt!).getUTCMinutes()).toBe(45)
  })

  it('explains the valid range, given /time 25:99', async () => {
    await say('/subscribe', 807)
    await say('/time 25:99', 807)
    expect(last(807)).toBe('"25:99" is not a valid time: hours 00 to 23 and minutes 00 to 59, e.g. /time 07:30')
    expect(await subscription(h.core, 807)).toMatchObject({ digestTime: '08:00' })
  })

  it('shows the usage, given /time without a time, and asks to subscribe first, given /time when not subscribed', async () => {
    await say('/time', 808)
    expect(last(808)).toBe('Usage: /time HH:MM in 24-hour time, e.g. /time 07:30')
    await say('/time 07:00', 808)
    expect(last(808)).toBe('You are not subscribed yet. Subscribe first with /subscribe.')
  })

  it('refuses an unknown zone, given /timezone Mars/Olympus', async () => {
    await say('/subscribe', 809, 'ar')
    await say('/timezone Mars/Olympus', 809, 'ar')
    expect(last(809)).toBe('«Mars/Olympus» ليست منطقة زمنية معروفة. اكتب اسماً من قاعدة IANA مثل Asia/Riyadh أو Africa/Cairo أو Europe/London.')
    expect(await subscription(h.core, 809)).toMatchObject({ timeZone: 'Asia/Riyadh' })
  })

  it('sets the zone in its canonical spelling and reschedules, given /timezone europe/berlin', async () => {
    await say('/subscribe', 810)
    await say('/timezone europe/berlin', 810)
    expect(last(810)).toMatch(/^Done ✅ Your digest arrives at 08:00 \(Europe\/Berlin\)/)
    const subscriber = await subscription(h.core, 810)
    expect(subscriber!.timeZone).toBe('Europe/Berlin')
    // The harness clock stands at 2026-11-29T09:00Z: Berlin is on winter time (UTC+1) the next morning.
    expect(subscriber!.nextSendAt).toBe('2026-11-30T07:00:00.000Z')
  })

  it('answers commands from a group and a channel with a clear reply and does not subscribe them', async () => {
    await h.bot.handleUpdate(messageUpdate({ text: '/subscribe', chatId: -100, chatType: 'group', languageCode: 'en' }))
    await h.bot.handleUpdate(channelPostUpdate({ text: '/subscribe', chatId: -1001000000009 }))
    expect(h.api.textsTo(-100)).toEqual(['I work in private chats only: open a private chat with me to subscribe or ask for news.'])
    expect(h.api.textsTo(-1001000000009)).toEqual(['أعمل في المحادثات الخاصة فقط: افتح محادثة خاصة معي لتشترك في النشرة أو تطلب الأخبار.'])
    expect(await subscription(h.core, -100)).toBeUndefined()
  })
})

describe('subscriptions in the store', () => {
  it('survive a restart with their schedule, given a SQLite store', async () => {
    const url = `sqlite://${join(mkdtempSync(join(tmpdir(), 'khulasa-sub-')), 'bot.sqlite')}`
    const silent = createLogger({ level: 'silent' })
    const first = await testCore({ STORAGE_URL: url }, silent)
    await first.subscribers.subscribe(901, 'ar')
    await first.subscribers.reschedule(901, { digestTime: '21:30', timeZone: 'America/New_York' })
    await first.close()
    const second = await testCore({ STORAGE_URL: url }, silent)
    expect(await subscription(second, 901)).toMatchObject({ active: true, digestTime: '21:30', timeZone: 'America/New_York' })
    expect(second.digests.dueCount()).toBe(1)
    await second.close()
  })
})
