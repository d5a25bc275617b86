export interface PacerOptions {
  /** Most sends in any sliding window of `windowMs`; undefined, no limit across chats (each chat's and pauses still hold). */
  perSecond?: number
  windowMs?: number
  /** Smallest gap between two sends to one chat (Telegram: about one message a second). */
  perChatIntervalMs?: number
  /** How far ahead of the even spacing a send may start: one timer wake sends several, and a stalled event loop catches up. */
  burstMs?: number
  /**
   * Assume a full window of sends was answered at this instant. A process that just started cannot
   * know what its predecessor sent in the last second, so its first send waits one window.
   */
  assumeFullAt?: number
}

/** A reserved send. `done(at)` tells the pacer when its answer arrived. */
export interface Slot { done(at: number): void }

export type Reservation = { slot: Slot } | { waitMs: number } | { waitForAnswer: true }

/**
 * Exact pacing over every sliding window, measured where it matters: at the server.
 *
 * A send may start only when the send `perSecond` places back got its answer at least
 * `windowMs` ago. The server saw that request before it answered, and sees the new one
 * after we start it, so the two arrive at least `windowMs` apart whatever the network or
 * the event loop did in between: no margin to guess, and no 429. Counting from answers
 * instead of starts costs one round trip per window (well under 1 % on a LAN).
 * A GCRA spacing on top keeps the sends even instead of bursting `perSecond` at once.
 * Per chat, the same rule with one message per `perChatIntervalMs`.
 */
export function createPacer({ perSecond, windowMs = 1000, perChatIntervalMs = 1000, burstMs = 25, assumeFullAt = -Infinity }: PacerOptions) {
  // ring[i]: when the answer to a past send came; Infinity while it is in flight.
  const ring = perSecond ? new Float64Array(perSecond).fill(assumeFullAt) : undefined
  let next = 0
  const spacing = perSecond ? windowMs / perSecond : 0
  let tat = -Infinity
  const chats = new Map<string, number>()
  let sweepAt = 0

  function chatWait(chat: string, now: number): number {
    const last = chats.get(chat)
    if (last === undefined) return 0
    return last === Infinity ? Infinity : Math.max(0, last + perChatIntervalMs - now)
  }

  function sweep(now: number) {
    if (now < sweepAt) return
    sweepAt = now + perChatIntervalMs
    for (const [chat, at] of chats) if (at + perChatIntervalMs <= now) chats.delete(chat)
  }

  return {
    /** How long until this chat may get its next message (Infinity while one is in flight). */
    chatWait,

    reserve(chat: string, now: number): Reservation {
      sweep(now)
      const oldest = ring ? ring[next]! : -Infinity
      if (oldest === Infinity) return { waitForAnswer: true }
      const wait = Math.max(oldest + windowMs - now, tat - burstMs - now, chatWait(chat, now))
      if (wait === Infinity) return { waitForAnswer: true }
      if (wait > 0) return { waitMs: wait }
      const index = next
      if (ring) {
        next = (next + 1) % ring.length
        ring[index] = Infinity
      }
      chats.set(chat, Infinity)
      tat = Math.max(tat, now) + spacing
      let settled = false
      return {
        slot: {
          done(at: number) {
            if (settled) return
            settled = true
            if (ring) ring[index] = at
            chats.set(chat, at)
          },
        },
      }
    },

    /** Everyone waits, e.g. after a 429 whose retry_after applies to the whole bot. */
    pauseUntil(at: number) {
      tat = Math.max(tat, at + burstMs)
    },
  }
}

export type Pacer = ReturnType<typeof createPacer>
