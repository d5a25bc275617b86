import type { MiddlewareFn } from 'telegraf'
import type { Clock } from '../clock.js'
import { createLanes, laneKey } from './chat-lanes.js'
import type { BotContext } from './context.js'

/** A chat may send `burst` updates at once, then `perSecond` on average. */
export interface FloodBudget {
  burst: number
  perSecond: number
}

export const DEFAULT_FLOOD_BUDGET: FloodBudget = { burst: 5, perSecond: 1 }

export type Verdict = 'pass' | 'notice' | 'drop'

interface Bucket { tokens: number, at: number, noticed: boolean }

/**
 * Token buckets, one per chat. Past the budget a chat gets one notice, then nothing until its
 * bucket is full again: a flood earns one reply, not one per message. Full buckets are swept
 * (a full bucket and no bucket are the same), so memory follows the chats active in the last
 * few seconds, not every chat ever seen.
 */
export function createBudgets({ burst, perSecond }: FloodBudget) {
  const buckets = new Map<string, Bucket>()
  const refillMs = (burst / perSecond) * 1000
  let sweepAt = -Infinity

  const refilled = (b: Bucket, now: number) => Math.min(burst, b.tokens + (Math.max(0, now - b.at) * perSecond) / 1000)

  function sweep(now: number) {
    if (now < sweepAt) return
    sweepAt = now + refillMs
    for (const [key, b] of buckets) if (refilled(b, now) >= burst) buckets.delete(key)
  }

  return {
    take(key: string, now: number): Verdict {
      sweep(now)
      const known = buckets.get(key)
      const b: Bucket = known ?? { tokens: burst, at: now, noticed: false }
      if (known) {
        b.tokens = refilled(b, now)
        b.at = Math.max(b.at, now)
      }
      else buckets.set(key, b)
      if (b.tokens >= burst) b.noticed = false
      if (b.tokens >= 1) {
        b.tokens -= 1
        return 'pass'
      }
      if (b.noticed) return 'drop'
      b.noticed = true
      return 'notice'
    },
    size: () => buckets.size,
  }
}

/**
 * Updates the bot would answer: text in a private chat, commands anywhere, buttons and inline
 * queries. Group chatter and a burst of photos cost nothing and earn no notice: nobody asked.
 */
function answerable(ctx: BotContext): boolean {
  if (ctx.callbackQuery || ctx.inlineQuery) return true
  const message = ctx.message ?? ctx.channelPost
  if (!message || !ctx.chat || !('text' in message)) return false
  return ctx.chat.type === 'private' || message.text.startsWith('/')
}

/**
 * Admission for every update the bot would answer, at the moment it arrives: the chat's flood
 * budget first, then the chat's lane, so a chat's updates are handled one at a time and in order
 * while other chats go on alongside. The check runs before the lane on purpose: a flooding chat's
 * surplus is turned away on arrival instead of queueing behind its own paced replies.
 * telegraf runs middleware synchronously up to the first await, so updates enter their lane in
 * the order handleUpdate was called; this middleware must not await before it.
 */
export function floodControl({ clock, budget }: { clock: Clock, budget: FloodBudget | false }): MiddlewareFn<BotContext> {
  const budgets = budget ? createBudgets(budget) : undefined
  const lanes = createLanes()
  return (ctx, next) => {
    const key = answerable(ctx) ? laneKey(ctx.update) : undefined
    if (key === undefined) return next()
    const verdict = budgets?.take(key, clock.now().getTime()) ?? 'pass'
    if (verdict === 'pass') return lanes.run(key, next)
    if (verdict === 'notice') ctx.log.info('flood: past the chat\'s budget; one notice, then silence until it refills')
    // A pressed button always gets an answer, or the client keeps spinning; it costs no chat message.
    if (ctx.callbackQuery) return ctx.answerCbQuery(ctx.t.chat.slowDown).then(() => {})
    if (verdict === 'drop' || ctx.inlineQuery) return Promise.resolve()
    // In the lane, so the notice comes after the replies already owed, not in the middle of them.
    return lanes.run(key, () => ctx.reply(ctx.t.chat.slowDown).then(() => {}))
  }
}
