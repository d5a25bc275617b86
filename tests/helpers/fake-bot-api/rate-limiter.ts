import type { RateLimits } from './types.js'

const WINDOW_MS = 1000

/**
 * Sliding one-second window over successful sends. A fixed per-second bucket
 * would let a bot burst 2x the limit across a bucket edge and still pass, so
 * every check looks back exactly 1000 ms from the new request.
 */
export class SlidingWindowLimiter {
  private limits: RateLimits = {}
  private global: number[] = []
  private readonly perChat = new Map<string, number[]>()
  violations = 0

  setLimits(limits: RateLimits): void {
    this.limits = { ...limits }
  }

  /** True when one more send at `now` would exceed a limit; counts it as a violation. */
  wouldExceed(now: number, chatKey: string | undefined): boolean {
    const { globalPerSecond, perChatPerSecond } = this.limits
    const globalOver = globalPerSecond !== undefined && this.countRecent(this.global, now) >= globalPerSecond
    const chatTimes = chatKey === undefined ? undefined : this.perChat.get(chatKey)
    const chatOver =
      perChatPerSecond !== undefined && chatTimes !== undefined && this.countRecent(chatTimes, now) >= perChatPerSecond
    if (globalOver || chatOver) this.violations++
    return globalOver || chatOver
  }

  record(now: number, chatKey: string | undefined): void {
    this.global = this.prune(this.global, now)
    this.global.push(now)
    if (chatKey === undefined) return
    const times = this.prune(this.perChat.get(chatKey) ?? [], now)
    times.push(now)
    this.perChat.set(chatKey, times)
  }

  private prune(times: number[], now: number): number[] {
    return times.filter((t) => now - t < WINDOW_MS)
  }

  private countRecent(times: number[], now: number): number {
    return times.reduce((count, t) => (now - t < WINDOW_MS ? count + 1 : count), 0)
  }
}
