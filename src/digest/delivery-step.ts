import type { DeliveryResult, FailureKind, JournalEntry, Outcome, QueueStats } from './outbound.js'

/**
 * The one delivery state machine, shared by the in-process and the BullMQ queue: given a
 * message's journal entry and what just happened, the next entry and what to do. Pure: the
 * queues do the I/O (journal writes, sends, waits) and keep the counters the step names.
 */
export type StepAction =
  /** Send `part` after `delayMs` (a chat takes one message a second; 0 for a message's first part). */
  | { kind: 'send', part: number, delayMs: number }
  /** Send the same part again: after a 429 (`pauseAll`: every send waits) or, on a network error or 5xx, after a backoff. */
  | { kind: 'retry', part: number, delayMs: number, pauseAll: boolean }
  /** The message is finished: write the entry, then settle once with this outcome. */
  | { kind: 'settle', outcome: Outcome }

/** What the queue counts for this step (QueueStats). */
export interface StepCounts {
  /** Telegram accepted a part. */
  sent?: boolean
  /** The whole message reached the chat (or may have: in doubt). */
  delivered?: boolean
  failures?: FailureKind[]
  /** Parts found in flight at a restart. */
  inDoubt?: number
}

/** Adds a step's counts to a queue's counters. */
export function count(stats: QueueStats, counts: StepCounts): void {
  if (counts.sent) stats.sent++
  if (counts.delivered) stats.delivered++
  for (const kind of counts.failures ?? []) stats.failures[kind]++
  stats.inDoubt += counts.inDoubt ?? 0
}

export interface Step { entry: JournalEntry, action: StepAction, counts: StepCounts, note?: string }

export interface StepPolicy {
  perChatIntervalMs: number
  maxRetries: number
  retryBaseMs: number
}

/**
 * Where a message starts, given what the journal knows of it. A finished entry is a duplicate;
 * a part left in flight by a crash counts as done and in doubt (never sent twice: Telegram
 * cannot say whether it arrived), so its stories go into the next digest instead.
 */
export function resume(known: JournalEntry | undefined, parts: number): Step {
  if (known && known.state !== 'sending') return { entry: known, action: { kind: 'settle', outcome: 'duplicate' }, counts: {} }
  const fresh: JournalEntry = { parts, done: 0, state: 'sending' }
  if (!known) return { entry: fresh, action: { kind: 'send', part: 0, delayMs: 0 }, counts: {} }
  const { inFlight, ...rest } = known
  const entry: JournalEntry = inFlight === undefined ? rest : { ...rest, done: inFlight + 1, inDoubt: [...(known.inDoubt ?? []), inFlight] }
  const counts: StepCounts = inFlight === undefined ? {} : { inDoubt: 1 }
  const note = inFlight === undefined ? undefined : `part ${inFlight} was in flight when the previous run stopped; not sending it again`
  if (entry.done >= entry.parts) return finished(entry, counts, note)
  return { entry, action: { kind: 'send', part: entry.done, delayMs: 0 }, counts, note }
}

/** The entry to write before a part's request leaves: a crash then knows it may have arrived. */
export function marking(entry: JournalEntry, part: number): JournalEntry {
  return { ...entry, inFlight: part, state: 'sending' }
}

/** The next step after Telegram (or the network) answered `part`; `attempt` counts this part's failed tries so far. */
export function next(entry: JournalEntry, part: number, result: DeliveryResult, attempt: number, policy: StepPolicy): Step {
  const { inFlight: _answered, ...base } = entry
  switch (result.kind) {
    case 'ok':
    case 'badRequest': {
      const refused = result.kind === 'badRequest'
      const moved: JournalEntry = { ...base, done: part + 1, ...(refused ? { skipped: [...(base.skipped ?? []), part] } : {}) }
      const counts: StepCounts = refused ? { failures: ['badRequest'] } : { sent: true }
      const note = refused ? `Telegram refused part ${part} (400), skipped without retry: ${result.description}` : undefined
      if (moved.done < moved.parts) return { entry: moved, action: { kind: 'send', part: moved.done, delayMs: policy.perChatIntervalMs }, counts, note }
      return finished(moved, counts, note)
    }
    case 'retryAfter':
      return {
        entry: base,
        action: { kind: 'retry', part, delayMs: result.seconds * 1000, pauseAll: true },
        counts: { failures: ['rateLimited'] },
        note: `429 from Telegram: waiting ${result.seconds}s, then sending the same part again`,
      }
    case 'blocked':
      return {
        entry: { ...base, state: 'blocked' },
        action: { kind: 'settle', outcome: 'blocked' },
        counts: { failures: ['blocked'] },
        note: `the chat refuses messages (403: ${result.description}); subscription switched off`,
      }
    case 'transient': {
      if (attempt + 1 > policy.maxRetries) {
        return { entry: { ...base, state: 'failed' }, action: { kind: 'settle', outcome: 'failed' }, counts: { failures: ['transient', 'gaveUp'] }, note: `gave up after ${policy.maxRetries} retries: ${result.description}` }
      }
      const delayMs = Math.min(60_000, policy.retryBaseMs * 2 ** attempt)
      return { entry: base, action: { kind: 'retry', part, delayMs, pauseAll: false }, counts: { failures: ['transient'] }, note: `send failed (${result.description}); retry ${attempt + 1}/${policy.maxRetries}` }
    }
  }
}

/** Every part done: in doubt if any part was, a refusal if Telegram refused every part, else sent. */
function finished(entry: JournalEntry, counts: StepCounts, note?: string): Step {
  const done: JournalEntry = { ...entry, state: 'sent' }
  const outcome = outcomeOf(done)
  return { entry: done, action: { kind: 'settle', outcome }, counts: { ...counts, delivered: outcome !== 'badRequest' }, note }
}

/** The outcome a settled journal entry stands for, read back by whichever process enqueued the message. */
export function outcomeOf(entry: JournalEntry): Outcome {
  if (entry.state === 'blocked' || entry.state === 'failed') return entry.state
  if ((entry.inDoubt?.length ?? 0) > 0) return 'inDoubt'
  return (entry.skipped?.length ?? 0) === entry.parts ? 'badRequest' : 'sent'
}
