import { Composer } from 'telegraf'
import type { Core } from '../src/core.js'
import { canonicalZone, parseClock } from '../src/digest/schedule.js'
import type { Subscription } from '../src/digest/subscribers.js'
import type { Messages } from '../src/i18n/messages.js'
import type { BotContext } from '../src/telegram/context.js'

type Deps = Pick<Core, 'subscribers' | 'profiles'>

/** /subscribe [HH:MM], /unsubscribe, /time HH:MM, /timezone Zone: the daily digest's settings, kept in keyv. */
export function subscribeHandler({ subscribers, profiles }: Deps) {
  const composer = new Composer<BotContext>()

  composer.command('subscribe', async (ctx) => {
    const payload = ctx.payload.trim()
    const time = payload === '' ? undefined : parseClock(payload)
    if (payload !== '' && !time) return void await ctx.reply(/\d/.test(payload) ? ctx.t.subscribe.badTime(payload) : ctx.t.subscribe.usage)
    const { subscriber, already } = await subscribers.subscribe(ctx.chat.id, ctx.from.language_code ?? 'ar')
    const moved = time && time !== subscriber.digestTime ? await subscribers.reschedule(ctx.chat.id, { digestTime: time }) : undefined
    const current = moved ?? subscriber
    ctx.log.info({ already, digestTime: current.digestTime, timeZone: current.timeZone }, already ? 'subscribe again' : 'chat subscribed')
    if (!already) return void await ctx.reply(ctx.t.subscribe.done(current.digestTime, current.timeZone))
    await ctx.reply(moved ? ctx.t.subscribe.alreadyMoved(current.digestTime, current.timeZone) : ctx.t.subscribe.already(current.digestTime, current.timeZone))
  })

  composer.command('unsubscribe', async (ctx) => {
    const was = await subscribers.unsubscribe(ctx.chat.id)
    ctx.log.info({ was }, was ? 'chat unsubscribed' : 'unsubscribe without a subscription')
    await ctx.reply(was ? ctx.t.subscribe.unsubscribed : ctx.t.subscribe.notToUnsubscribe)
  })

  composer.command('time', async (ctx) => {
    const payload = ctx.payload.trim()
    if (payload === '') return void await ctx.reply(ctx.t.subscribe.timeUsage)
    const time = parseClock(payload)
    if (!time) return void await ctx.reply(ctx.t.subscribe.badTime(payload))
    const updated = await subscribers.reschedule(ctx.chat.id, { digestTime: time })
    if (!updated) return void await ctx.reply(ctx.t.subscribe.notSubscribed)
    ctx.log.info({ digestTime: time, nextSendAt: updated.nextSendAt }, 'digest time set')
    await ctx.reply(ctx.t.subscribe.timeSet(updated.digestTime, updated.timeZone, nextLocal(updated, ctx.t)))
  })

  composer.command('timezone', async (ctx) => {
    const zone = ctx.payload.trim()
    if (zone === '') {
      const current = await profiles.get(ctx.chat.id)
      return void await ctx.reply(ctx.t.subscribe.zoneUsage(current?.timeZone ?? '—'))
    }
    const canonical = canonicalZone(zone)
    if (!canonical) return void await ctx.reply(ctx.t.subscribe.badZone(zone.slice(0, 64)))
    const updated = await subscribers.reschedule(ctx.chat.id, { timeZone: canonical })
    if (!updated) return void await ctx.reply(ctx.t.subscribe.notSubscribed)
    ctx.log.info({ timeZone: canonical, nextSendAt: updated.nextSendAt }, 'time zone set')
    await ctx.reply(ctx.t.subscribe.timeSet(updated.digestTime, updated.timeZone, nextLocal(updated, ctx.t)))
  })

  return composer
}

/** The next digest in words, in the subscriber's zone: «الاثنين 30 نوفمبر، 08:00». */
function nextLocal(subscriber: Subscription, t: Messages): string {
  if (!subscriber.nextSendAt) return '—'
  return t.dates.dateTime(new Date(subscriber.nextSendAt), subscriber.timeZone)
}
