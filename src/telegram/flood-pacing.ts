import { setTimeout as sleep } from 'node:timers/promises'
import { TelegramError, type Telegram } from 'telegraf'
import { createPacer, type Slot } from '../digest/pacer.js'
import type { Logger } from '../logger.js'

export interface ReplyPacing {
  /** Sends a second across all chats. */
  perSecond: number
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
 * in one warning line. Wraps each update's Telegram client, so handlers keep calling ctx.reply.
 */
export function createReplyPacing({ perSecond, perChatIntervalMs, maxRetries = 5, now = () => performance.now() }: ReplyPacing) {
  const pacer = perChatIntervalMs > 0 ? createPacer({ perSecond, perChatIntervalMs }) : undefined
  // Sends that found every slot in flight wait for the next answer (or a second, whichever is first).
  const answered: (() => void)[] = []

  async function turn(chat: string): Promise<Slot | undefined> {
    if (!pacer) return undefined
    for (;;) {
      const reservation = pacer.reserve(chat, now())
      if ('slot' in reservation) {
        const { slot } = reservation
        return { done: (at) => {
          slot.done(at)
          for (const wake of answered.splice(0)) wake()
        } }
      }
      if ('waitMs' in reservation) await sleep(Math.ceil(reservation.waitMs))
      else await Promise.race([new Promise<void>((resolve) => answered.push(resolve)), sleep(1000, undefined, { ref: false })])
    }
  }

  return {
    wrap(telegram: Telegram, log: Logger): void {
      const callApi = telegram.callApi.bind(telegram)
      telegram.callApi = (async (method: Parameters<typeof callApi>[0], payload: never, options?: never) => {
        const chatId = (payload as { chat_id?: unknown } | undefined)?.chat_id
        const chat = paced(method) && (typeof chatId === 'number' || typeof chatId === 'string') ? String(chatId) : undefined
        for (let attempt = 0; ; attempt++) {
          const slot = chat === undefined ? undefined : await turn(chat)
          try {
            const result = await callApi(method, payload, options)
            slot?.done(now())
            return result
          }
          catch (err) {
            slot?.done(now())
            const seconds = retryAfterSeconds(err)
            if (seconds === undefined || attempt >= maxRetries) throw err
            // Like digests: a 429 pauses every send, since it may be the bot's global limit.
            pacer?.pauseUntil(now() + seconds * 1000)
            log.warn({ method, chat }, `429 from Telegram on ${method}: waiting ${seconds} s, then sending it again`)
            await sleep(seconds * 1000)
          }
        }
      }) as typeof telegram.callApi
    },
  }
}

export type ReplyPacer = ReturnType<typeof createReplyPacing>
