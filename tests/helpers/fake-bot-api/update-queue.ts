import type { Update } from 'telegraf/types'

// Captured at import time so tests that call vi.useFakeTimers() cannot freeze
// the fake's long-poll timers (which would hang the bot under test).
const realSetTimeout = globalThis.setTimeout
const realClearTimeout = globalThis.clearTimeout

interface Waiter {
  offset: number
  limit: number
  resolve: (updates: Update[]) => void
  timer: ReturnType<typeof setTimeout>
}

export class UpdateQueue {
  private pending: Update[] = []
  private readonly waiters = new Set<Waiter>()
  private lastId = 0

  /** Queues an update; ids that would go backwards are renumbered so a confirmed offset never hides it. */
  push(update: Update): Update {
    const queued = update.update_id > this.lastId ? update : { ...update, update_id: this.lastId + 1 }
    this.lastId = queued.update_id
    this.pending.push(queued)
    for (const waiter of [...this.waiters]) {
      const ready = this.take(waiter.offset, waiter.limit)
      if (ready.length > 0) this.settle(waiter, ready)
    }
    return queued
  }

  get size(): number {
    return this.pending.length
  }

  /** getUpdates calls held open, waiting for an update. */
  get waiting(): number {
    return this.waiters.size
  }

  clear(): void {
    this.pending = []
  }

  /** getUpdates semantics: confirm everything below `offset`, then wait up to `timeoutSeconds` for news. */
  poll(offset: number, limit: number, timeoutSeconds: number, onCancel: (cancel: () => void) => void): Promise<Update[]> {
    this.confirm(offset)
    const ready = this.take(offset, limit)
    if (ready.length > 0 || timeoutSeconds <= 0) return Promise.resolve(ready)
    return new Promise((resolve) => {
      const waiter: Waiter = {
        offset,
        limit,
        resolve,
        timer: realSetTimeout(() => this.settle(waiter, []), timeoutSeconds * 1000),
      }
      this.waiters.add(waiter)
      onCancel(() => {
        realClearTimeout(waiter.timer)
        this.waiters.delete(waiter)
      })
    })
  }

  /** Answers every waiting poll with no updates, e.g. when the server closes. */
  releaseAll(): void {
    for (const waiter of [...this.waiters]) this.settle(waiter, [])
  }

  private settle(waiter: Waiter, updates: Update[]): void {
    if (!this.waiters.delete(waiter)) return
    realClearTimeout(waiter.timer)
    waiter.resolve(updates)
  }

  private confirm(offset: number): void {
    if (offset > 0) this.pending = this.pending.filter((u) => u.update_id >= offset)
    // A negative offset keeps only the last |offset| updates, as in the Bot API.
    if (offset < 0) this.pending = this.pending.slice(offset)
  }

  private take(offset: number, limit: number): Update[] {
    return this.pending.filter((u) => offset <= 0 || u.update_id >= offset).slice(0, Math.max(1, Math.min(limit, 100)))
  }
}
