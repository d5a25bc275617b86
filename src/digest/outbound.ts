import type { Logger } from '../logger.js'

/**
 * The one outbound queue for everything the bot sends unprompted (digests today).
 *
 * Contract, for every implementation (this in-process one, and a Redis/BullMQ one that
 * several processes share with one limiter):
 * - `enqueue` takes whole messages; a message's parts go to one chat in order, at least
 *   `perChatIntervalMs` apart, and the whole bot stays within its sliding-window rate.
 * - A message id is deterministic (`digest:<YYYY-MM-DD>:<chatId>`). Progress is kept per
 *   part in a `DeliveryJournal`: marked in flight before each send, confirmed after it. Enqueueing
 *   the same id again, in this process or after a restart, resumes after the last part marked
 *   and never repeats one. A part found still in flight (the process died between mark and
 *   answer) is NOT sent again: Telegram offers no way to ask whether it arrived, and on a LAN it
 *   almost always did. The message then settles as 'inDoubt', so its stories are not counted as
 *   read and go into the next digest instead: a repeated message never, a lost story never.
 * - Each message settles exactly once through `onSettled`.
 * - `deliver` is injected and classifies Telegram's answer, so nothing here imports telegraf.
 */

export type OutboundButton = { text: string, callback_data: string } | { text: string, url: string }

export interface OutboundPart {
  text: string
  parseMode?: 'HTML'
  replyMarkup?: { inline_keyboard: OutboundButton[][] }
}

export interface OutboundMessage {
  /** Deterministic, e.g. digest:2026-11-29:12345. */
  id: string
  chatId: number
  parts: OutboundPart[]
}

export type DeliveryResult =
  | { kind: 'ok' }
  /** 429: the same part goes again after this many seconds. */
  | { kind: 'retryAfter', seconds: number }
  /** 403: blocked, kicked, deactivated; the chat will never take a message. */
  | { kind: 'blocked', description: string }
  /** 400: this part is wrong; retrying cannot help. */
  | { kind: 'badRequest', description: string }
  /** Network error or 5xx: worth a retry with backoff. */
  | { kind: 'transient', description: string }

export type Deliver = (chatId: number, part: OutboundPart) => Promise<DeliveryResult>

/** 'duplicate': settled by an earlier run; 'inDoubt': a part's answer was lost in a crash. */
export type Outcome = 'sent' | 'blocked' | 'badRequest' | 'failed' | 'duplicate' | 'inDoubt'

export type FailureKind = 'rateLimited' | 'blocked' | 'badRequest' | 'transient' | 'gaveUp'

export interface JournalEntry {
  parts: number
  /** Parts confirmed or skipped; the next to send is this index. */
  done: number
  /** A part whose send started but whose answer was never recorded. */
  inFlight?: number
  state: 'sending' | 'sent' | 'blocked' | 'failed'
  /** Parts Telegram refused with 400 and that were skipped. */
  skipped?: number[]
  /** Parts found in flight at a restart: maybe delivered, never sent again. */
  inDoubt?: number[]
  /** When the journal last wrote this entry, stamped by the journal from the bot's clock. */
  at?: string
}

/** Where delivery progress lives (keyv's 'sent' namespace; Redis for the shared queue). */
export interface DeliveryJournal {
  getMany(ids: string[]): Promise<(JournalEntry | undefined)[]>
  set(id: string, entry: JournalEntry): Promise<void>
  /** Several entries in one write (one statement on SQLite); of two for the same id, the later wins. */
  setMany(entries: { id: string, entry: JournalEntry }[]): Promise<void>
}

export interface QueueStats {
  /** Parts Telegram accepted. */
  sent: number
  /** Messages whose every part was sent (or skipped with a 400). */
  delivered: number
  failures: Record<FailureKind, number>
  /** Parts found in flight at a restart (answer never recorded), not sent again. */
  inDoubt: number
}

/** What every OutboundQueue implementation is built from. */
export interface QueueOptions {
  deliver: Deliver
  journal: DeliveryJournal
  /** Sends per second over every sliding second (for all instances together, where they share a limiter). */
  perSecond: number
  perChatIntervalMs?: number
  /** Network errors and 5xx: how many retries before the message is given up. */
  maxRetries?: number
  retryBaseMs?: number
  onSettled?: (message: OutboundMessage, outcome: Outcome) => void | Promise<void>
  logger: Logger
}

export interface OutboundQueue {
  /** Adds messages; resolves once they are accepted (journal checked), not once sent. */
  enqueue(messages: OutboundMessage[]): Promise<void>
  /** Resolves when everything enqueued so far has settled. */
  drain(): Promise<void>
  /** Messages waiting or in flight. */
  depth(): number
  stats(): QueueStats
  /** Stops starting sends, waits for those in flight and records them; waiting messages stay for the next start. */
  close(): Promise<void>
}

export function emptyFailures(): Record<FailureKind, number> {
  return { rateLimited: 0, blocked: 0, badRequest: 0, transient: 0, gaveUp: 0 }
}
