import { TelegramError, type Telegram } from 'telegraf'
import type { Deliver, DeliveryResult } from '../digest/outbound.js'

export interface DeliverOptions {
  /** Adds allow_paid_broadcast, which lifts the bot's limit to 1000 messages/s for a fee in Stars. */
  allowPaidBroadcast?: boolean
  timeoutMs?: number
}

/** The outbound queue's `deliver`, over telegraf: one sendMessage per part, the answer classified. */
export function telegramDeliver(telegram: Telegram, { allowPaidBroadcast = false, timeoutMs = 30_000 }: DeliverOptions = {}): Deliver {
  return async (chatId, part) => {
    const payload = {
      chat_id: chatId,
      text: part.text,
      ...(part.parseMode ? { parse_mode: part.parseMode } : {}),
      ...(part.replyMarkup ? { reply_markup: part.replyMarkup } : {}),
      link_preview_options: { is_disabled: true },
      // Newer than telegraf 4.16's types; the Bot API reads it from the JSON body.
      ...(allowPaidBroadcast ? { allow_paid_broadcast: true } : {}),
    }
    try {
      await telegram.callApi('sendMessage', payload as Parameters<Telegram['sendMessage']>[2] & { chat_id: number, text: string }, { signal: AbortSignal.timeout(timeoutMs) as never })
      return { kind: 'ok' }
    }
    catch (err) {
      return classifyError(err)
    }
  }
}

function classifyError(err: unknown): DeliveryResult {
  if (!(err instanceof TelegramError)) return { kind: 'transient', description: (err as Error).message }
  const { code, description } = err
  if (code === 429) return { kind: 'retryAfter', seconds: Math.max(1, Number(err.parameters?.retry_after ?? 1)) }
  if (code === 403) return { kind: 'blocked', description }
  if (code === 400) return { kind: 'badRequest', description }
  return { kind: 'transient', description: `${code} ${description}` }
}
