import { describe, expect, it } from 'vitest'
import { marking, next, outcomeOf, resume, type Step } from '../../src/digest/delivery-step.js'
import type { DeliveryResult, JournalEntry } from '../../src/digest/outbound.js'

const policy = { perChatIntervalMs: 1000, maxRetries: 2, retryBaseMs: 100 }
const sending = (parts: number, done: number, extra: Partial<JournalEntry> = {}): JournalEntry => ({ parts, done, state: 'sending', ...extra })
const ok: DeliveryResult = { kind: 'ok' }
const shape = (step: Step) => ({ entry: step.entry, action: step.action, counts: step.counts })

describe('next (delivery step)', () => {
  const cases: [string, JournalEntry, number, DeliveryResult, number, ReturnType<typeof shape>][] = [
    ['sends the next part a chat interval later, given ok on part 0 of 2',
      marking(sending(2, 0), 0), 0, ok, 0,
      { entry: sending(2, 1), action: { kind: 'send', part: 1, delayMs: 1000 }, counts: { sent: true } }],
    ['settles sent, given ok on the last part',
      marking(sending(2, 1), 1), 1, ok, 0,
      { entry: { parts: 2, done: 2, state: 'sent' }, action: { kind: 'settle', outcome: 'sent' }, counts: { sent: true, delivered: true } }],
    ['skips the part and moves on without retry, given 400 on part 0 of 2',
      marking(sending(2, 0), 0), 0, { kind: 'badRequest', description: 'bad' }, 0,
      { entry: sending(2, 1, { skipped: [0] }), action: { kind: 'send', part: 1, delayMs: 1000 }, counts: { failures: ['badRequest'] } }],
    ['settles badRequest and counts no delivery, given 400 on the only part',
      marking(sending(1, 0), 0), 0, { kind: 'badRequest', description: 'bad' }, 0,
      { entry: { parts: 1, done: 1, state: 'sent', skipped: [0] }, action: { kind: 'settle', outcome: 'badRequest' }, counts: { failures: ['badRequest'], delivered: false } }],
    ['waits retry_after for every send and retries the same part, given 429',
      marking(sending(2, 1), 1), 1, { kind: 'retryAfter', seconds: 3 }, 0,
      { entry: sending(2, 1), action: { kind: 'retry', part: 1, delayMs: 3000, pauseAll: true }, counts: { failures: ['rateLimited'] } }],
    ['settles blocked, given 403',
      marking(sending(2, 0), 0), 0, { kind: 'blocked', description: 'Forbidden' }, 0,
      { entry: { parts: 2, done: 0, state: 'blocked' }, action: { kind: 'settle', outcome: 'blocked' }, counts: { failures: ['blocked'] } }],
    ['retries with exponential backoff, given a network error on the second try',
      marking(sending(1, 0), 0), 0, { kind: 'transient', description: 'ECONNRESET' }, 1,
      { entry: sending(1, 0), action: { kind: 'retry', part: 0, delayMs: 200, pauseAll: false }, counts: { failures: ['transient'] } }],
    ['gives up and settles failed, given a 5xx after maxRetries retries',
      marking(sending(1, 0), 0), 0, { kind: 'transient', description: '502' }, 2,
      { entry: { parts: 1, done: 0, state: 'failed' }, action: { kind: 'settle', outcome: 'failed' }, counts: { failures: ['transient', 'gaveUp'] } }],
  ]
  it.each(cases)('%s', (_name, entry, part, result, attempt, expected) => {
    expect(shape(next(entry, part, result, attempt, policy))).toEqual(expected)
  })
})

describe('resume (delivery step)', () => {
  const cases: [string, JournalEntry | undefined, number, ReturnType<typeof shape>][] = [
    ['starts at part 0, given no journal entry',
      undefined, 2,
      { entry: sending(2, 0), action: { kind: 'send', part: 0, delayMs: 0 }, counts: {} }],
    ['settles as a duplicate without writing, given a finished entry',
      { parts: 2, done: 2, state: 'sent' }, 2,
      { entry: { parts: 2, done: 2, state: 'sent' }, action: { kind: 'settle', outcome: 'duplicate' }, counts: {} }],
    ['resumes after the part in flight and marks it in doubt, given a crash during part 0 of 3',
      sending(3, 0, { inFlight: 0 }), 3,
      { entry: sending(3, 1, { inDoubt: [0] }), action: { kind: 'send', part: 1, delayMs: 0 }, counts: { inDoubt: 1 } }],
    ['settles in doubt, given a crash during the last part',
      sending(2, 1, { inFlight: 1 }), 2,
      { entry: { parts: 2, done: 2, state: 'sent', inDoubt: [1] }, action: { kind: 'settle', outcome: 'inDoubt' }, counts: { inDoubt: 1, delivered: true } }],
    ['settles sent, not duplicate, given every part confirmed but the final write lost',
      sending(2, 2), 2,
      { entry: { parts: 2, done: 2, state: 'sent' }, action: { kind: 'settle', outcome: 'sent' }, counts: { delivered: true } }],
  ]
  it.each(cases)('%s', (_name, known, parts, expected) => {
    expect(shape(resume(known, parts))).toEqual(expected)
  })

  it('reads the outcome back from a settled entry, given each final state', () => {
    expect([
      outcomeOf({ parts: 1, done: 1, state: 'sent' }),
      outcomeOf({ parts: 2, done: 2, state: 'sent', inDoubt: [1] }),
      outcomeOf({ parts: 1, done: 1, state: 'sent', skipped: [0] }),
      outcomeOf({ parts: 1, done: 0, state: 'blocked' }),
      outcomeOf({ parts: 1, done: 0, state: 'failed' }),
    ]).toEqual(['sent', 'inDoubt', 'badRequest', 'blocked', 'failed'])
  })
})
