import { describe, expect, it, vi } from 'vitest'
import { createJournalWriter } from '../../src/digest/journal-writer.js'
import type { DeliveryJournal, JournalEntry } from '../../src/digest/outbound.js'

const entry = (done: number, extra: Partial<JournalEntry> = {}): JournalEntry => ({ parts: 3, done, state: 'sending', ...extra })

/** A journal in memory that records each setMany and can hold one until released, or fail it. */
function recordingJournal() {
  const stored = new Map<string, JournalEntry>()
  const batches: string[][] = []
  let hold: Promise<void> | undefined
  let failNext: Error | undefined
  const journal: DeliveryJournal = {
    getMany: async (ids) => ids.map((id) => stored.get(id)),
    set: async (id, e) => { stored.set(id, e) },
    async setMany(entries) {
      batches.push(entries.map((e) => e.id))
      await hold
      if (failNext) {
        const err = failNext
        failNext = undefined
        throw err
      }
      for (const { id, entry: e } of entries) stored.set(id, e)
    },
  }
  return {
    journal,
    stored,
    batches,
    holdWrites() {
      let release!: () => void
      hold = new Promise((resolve) => { release = resolve })
      return () => {
        hold = undefined
        release()
      }
    },
    failNextWrite: (err: Error) => { failNext = err },
  }
}

describe('createJournalWriter', () => {
  it('writes the entries of one moment as one batch, and each write resolves only once its entry is stored', async () => {
    const j = recordingJournal()
    const writer = createJournalWriter(j.journal, { windowMs: 1 })
    const seen: (JournalEntry | undefined)[] = []
    await Promise.all(['a', 'b', 'c'].map((id, i) => writer.write(id, entry(i)).then(() => seen.push(j.stored.get(id)))))
    expect(j.batches).toEqual([['a', 'b', 'c']])
    expect(seen).toEqual([entry(0), entry(1), entry(2)])
  })

  it('stores only the later entry, given two writes for the same id in one batch', async () => {
    const j = recordingJournal()
    const writer = createJournalWriter(j.journal, { windowMs: 1 })
    await Promise.all([writer.write('a', entry(0, { inFlight: 0 })), writer.write('a', entry(1))])
    expect(j.batches).toEqual([['a']])
    expect(j.stored.get('a')).toEqual(entry(1))
  })

  it('writes one batch at a time: writes made while one is being stored go in the next', async () => {
    vi.useFakeTimers()
    try {
      const j = recordingJournal()
      const writer = createJournalWriter(j.journal, { windowMs: 1 })
      const release = j.holdWrites()
      const first = writer.write('a', entry(0))
      await vi.advanceTimersByTimeAsync(1)
      expect(j.batches).toEqual([['a']])
      let laterStored = false
      const later = Promise.all([writer.write('b', entry(1)), writer.write('c', entry(2))]).then(() => { laterStored = true })
      // Their window passes while the first batch is still being stored.
      await vi.advanceTimersByTimeAsync(10)
      expect(j.batches).toEqual([['a']])
      expect(laterStored).toBe(false)
      release()
      await Promise.all([first, later])
      expect(j.batches).toEqual([['a'], ['b', 'c']])
      expect([...j.stored.keys()].sort()).toEqual(['a', 'b', 'c'])
    }
    finally {
      vi.useRealTimers()
    }
  })

  it('writes a full batch at once, without waiting for the window', async () => {
    const j = recordingJournal()
    // A window no test would wait for: only the size can have started this write.
    const writer = createJournalWriter(j.journal, { windowMs: 3_600_000, maxBatch: 3 })
    await Promise.all(['a', 'b', 'c'].map((id, i) => writer.write(id, entry(i))))
    expect(j.batches).toEqual([['a', 'b', 'c']])
  })

  it('rejects every write of a batch the journal could not store, and stores the next batch', async () => {
    const j = recordingJournal()
    const writer = createJournalWriter(j.journal, { windowMs: 1 })
    j.failNextWrite(new Error('disk full'))
    const results = await Promise.allSettled([writer.write('a', entry(0)), writer.write('b', entry(1))])
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    expect(j.stored.size).toBe(0)
    await writer.write('a', entry(2))
    expect(j.stored.get('a')).toEqual(entry(2))
  })
})
