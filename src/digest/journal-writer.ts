import type { DeliveryJournal, JournalEntry } from './outbound.js'

export interface JournalWriterOptions {
  /** How long the first write of a batch waits for others to join it. */
  windowMs?: number
  /** A batch this large is written at once. */
  maxBatch?: number
}

export interface JournalWriter {
  /** Resolves once `entry` is stored, together with every other write of its batch; rejects if that write failed. */
  write(id: string, entry: JournalEntry): Promise<void>
}

/**
 * Group commit for the delivery journal. Two writes per part, one statement each, were the largest share of the
 * queue's own CPU (npm run bench:digest); here the writes of a few milliseconds go as one `setMany`, one batch
 * at a time, and a later entry for the same id replaces an earlier one still waiting.
 *
 * Crash safety is unchanged because callers wait for their batch: a part's request still leaves only once its
 * in-flight mark is stored, and a message still settles only once its last entry is. A part answered but not
 * yet stored when the process dies is found in flight at the restart: in doubt, never sent again, as before.
 * The window only widens that moment by `windowMs`.
 */
export function createJournalWriter(journal: DeliveryJournal, { windowMs = 5, maxBatch = 256 }: JournalWriterOptions = {}): JournalWriter {
  let pending = new Map<string, JournalEntry>()
  let batch: { promise: Promise<void>, resolve: () => void, reject: (err: unknown) => void } | undefined
  let timer: NodeJS.Timeout | undefined
  // The window has passed (or the batch is full) while the previous batch was still being written.
  let due = false
  let writing = false

  function flush() {
    if (writing || !due || !batch) return
    due = false
    clearTimeout(timer)
    timer = undefined
    const group = pending
    const { resolve, reject } = batch
    pending = new Map()
    batch = undefined
    writing = true
    const entries: { id: string, entry: JournalEntry }[] = []
    for (const [id, entry] of group) entries.push({ id, entry })
    journal.setMany(entries).then(resolve, reject).finally(() => {
      writing = false
      flush()
    })
  }

  return {
    write(id, entry) {
      pending.set(id, entry)
      if (!batch) {
        let resolve!: () => void
        let reject!: (err: unknown) => void
        const promise = new Promise<void>((res, rej) => [resolve, reject] = [res, rej])
        batch = { promise, resolve, reject }
      }
      const { promise } = batch
      if (pending.size >= maxBatch) {
        due = true
        flush()
      }
      else {
        timer ??= setTimeout(() => {
          timer = undefined
          due = true
          flush()
        }, windowMs)
      }
      return promise
    },
  }
}
