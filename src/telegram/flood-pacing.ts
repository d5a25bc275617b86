import { setTimeout as sleep } from 'node:timers/promises'
import { TelegramError, type Telegram } from 'telegraf'
import { createPacer, type Slot } from '../digest/pacer.js'
import type { Logger } from '../logger.js'

export interface ReplyPacing {
  /** Sends a second across all chats; undefined, no such ceiling (each chat's interval and 429 pauses still hold). */
  perSecond?: number
  /** Smallest gap between two sends to one chat; 0 turns pacing off (429s are still waited out). */
  perChatIntervalMs: number
  /** 429s waited out for one call before its error is thrown. */
  maxRetries?: number
  /** Monotonic milliseconds: Telegram's limits are in real time, whatever the bot's clock says. */
  now?: () => number
}

/** The calls Telegram counts against a chat's limit (the strict fake counts the same). */
function paced(method: string): boolean {
  return (method.startsWith('send') && method !== 'sendChatAction') || method === 'copyMessage' || method === 'forwardMessage' || method === 'editMessageText'
}

function retryAfterSeconds(err: unknown): number | undefined {
  if (!(err instanceof TelegramError) || err.code !== 429) return undefined
  const seconds = Number(err.parameters?.retry_after ?? 1)
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : 1
}

/**
 * Replies paced like digests: the same pacer (src/digest/pacer.ts), one message a second per chat
 * and `perSecond` in all, and a 429 waited out for its retry_after and sent again, never dropped,
 * in one warning line. Every update's client sends through `send` (src/telegram/bot.ts), so handlers keep calling ctx.reply.
 */
export function createReplyPacing({ perSecond, perChatIntervalMs, maxRetries = 5, now = () => performance.now() }: ReplyPacing) {
  const pacer = perChatIntervalMs > 0 ? createPacer({ perSecond, perChatIntervalMs }) : undefined
  // Sends that found every slot in flight wait for the next answer (or a second, whichever is first).
  const answered: (() => void)[] = []

  /** A slot now, without a turn of the event loop, when one is free (the usual case). */
  function slotNow(chat: string): Slot | { waitMs: number } | undefined {
    const reservation = pacer!.reserve(chat, now())
    if ('slot' in reservation) return reservation.slot
    return 'waitMs' in reservation ? reservation : undefined
  }

  async function slotLater(chat: string, first: { waitMs: number } | undefined): Promise<Slot> {
    for (let reservation = first; ;) {
      if (reservation) await sleep(Math.ceil(reservation.waitMs))
      else await Promise.race([new Promise<void>((resolve) => answered.push(resolve)), sleep(1000, undefined, { ref: false })])
      const next = slotNow(chat)
      if (next && 'done' in next) return next
      reservation = next
    }
  }

  function release(slot: Slot | undefined) {
    if (!slot) return
    slot.done(now())
    if (answered.length > 0) for (const wake of answered.splice(0)) wake()
  }

  /** One call as the client would make it, with what a 429's warning names. */
  interface Call { telegram: Telegram, call: Telegram['callApi'], method: string, payload: unknown, options: unknown, chat: string | undefined, owner: { log: Logger } }

  const callOnce = (c: Call) => c.call.call(c.telegram, c.method as never, c.payload as never, c.options as never) as Promise<unknown>

  async function waitOut(c: Call, seconds: number) {
    // Like digests: a 429 pauses every send, since it may be the bot's global limit.
    pacer?.pauseUntil(now() + seconds * 1000)
    c.owner.log.warn({ method: c.method, chat: c.chat }, `429 from Telegram on ${c.method}: waiting ${seconds} s, then sending it again`)
    await sleep(seconds * 1000)
  }

  /** A send that has to wait for its slot (attempt 0: `wait` says how long, undefined: until an answer), or a 429's retry. */
  async function sendPaced(c: Call, wait: { waitMs: number } | undefined, attempt: number): Promise<unknown> {
    for (; ; attempt++) {
      let slot: Slot | undefined
      if (pacer && c.chat !== undefined) {
        const next = attempt === 0 ? wait : slotNow(c.chat)
        slot = next && 'done' in next ? next : await slotLater(c.chat, next)
      }
      try {
        const result = await callOnce(c)
        release(slot)
        return result
      }
      catch (err) {
        release(slot)
        const seconds = retryAfterSeconds(err)
        if (seconds === undefined || attempt >= maxRetries) throw err
        await waitOut(c, seconds)
      }
    }
  }

  return {
    /**
     * One Bot API call through `call` (the client's own callApi), paced when it counts against a chat's
     * limit; `owner.log` is read only for the warning about a 429.
     */
    send(telegram: Telegram, call: Telegram['callApi'], method: string, payload: unknown, options: unknown, owner: { log: Logger }): Promise<unknown> {
      const chatId = (payload as { chat_id?: unknown } | undefined)?.chat_id
      const chat = paced(method) && (typeof chatId === 'number' || typeof chatId === 'string') ? String(chatId) : undefined
      const c: Call = { telegram, call, method, payload, options, chat, owner }
      const first = pacer && chat !== undefined ? slotNow(chat) : undefined
      const slot = first && 'done' in first ? first : undefined
      if (pacer && chat !== undefined && !slot) return sendPaced(c, first as { waitMs: number } | undefined, 0)
      // The usual case, a free slot (or nothing to pace) and no 429: one promise and no async frame, as every reply passes here.
      return callOnce(c).then(
        (result) => { release(slot); return result },
        (err: unknown) => {
          release(slot)
          const seconds = retryAfterSeconds(err)
          if (seconds === undefined || maxRetries < 1) throw err
          return waitOut(c, seconds).then(() => sendPaced(c, undefined, 1))
        },
      )
    },
  }
}

export type ReplyPacer = ReturnType<typeof createReplyPacing>
