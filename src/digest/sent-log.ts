import type { Clock } from '../clock.js'
import type { Store } from '../storage/create-store.js'
import { batchSqliteWrites } from '../storage/sqlite-set-many.js'
import { emptyFailures, type DeliveryJournal, type FailureKind, type JournalEntry, type QueueStats } from './outbound.js'

/** The deterministic id of a chat's digest for one local date: the exactly-once key. */
export function digestId(localDate: string, chatId: number): string {
  return `digest:${localDate}:${chatId}`
}

/**
 * Delivery progress in keyv's 'sent' namespace, one entry per digest, updated per part and stamped with the clock.
 * On SQLite a setMany is one statement (see batchSqliteWrites): the queues write their batches through it.
 */
export function createSentLog(store: Store, clock: Clock): DeliveryJournal {
  const kv = store.ns<JournalEntry>('sent')
  batchSqliteWrites(kv)
  return {
    getMany: async (ids) => (ids.length > 0 ? kv.getMany(ids) as Promise<(JournalEntry | undefined)[]> : []),
    set: async (id, entry) => { await kv.set(id, { ...entry, at: clock.now().toISOString() }) },
    async setMany(entries) {
      if (entries.length === 0) return
      const at = clock.now().toISOString()
      await kv.setMany(entries.map(({ id, entry }) => ({ key: id, value: { ...entry, at } })))
    },
  }
}

/** `sent`: whole digests delivered. */
export interface DailyStats { sent: number, failures: Record<FailureKind, number> }

/**
 * Digests sent and failures per UTC day, for /stats. Queue counters are per process and
 * reset on restart, so each flush adds the increase since the last one to the stored day.
 */
export function createDailyStats(store: Store) {
  const kv = store.ns<DailyStats>('meta')
  const key = (day: string) => `digest-stats:${day}`
  let flushed: QueueStats = { sent: 0, delivered: 0, failures: emptyFailures(), inDoubt: 0 }
  let chain: Promise<unknown> = Promise.resolve()

  async function add(day: string, current: QueueStats) {
    const stored = (await kv.get(key(day))) ?? { sent: 0, failures: emptyFailures() }
    stored.sent += current.delivered - flushed.delivered
    for (const kind of Object.keys(stored.failures) as FailureKind[]) stored.failures[kind] += current.failures[kind] - flushed.failures[kind]
    flushed = { ...current, failures: { ...current.failures } }
    await kv.set(key(day), stored)
  }

  return {
    /** Serialised so two flushes never read the same base. */
    flush(current: QueueStats, at: Date): Promise<void> {
      const next = chain.then(() => add(at.toISOString().slice(0, 10), current))
      chain = next.catch(() => {})
      return next
    },
    async day(at: Date): Promise<DailyStats> {
      return (await kv.get(key(at.toISOString().slice(0, 10)))) ?? { sent: 0, failures: emptyFailures() }
    },
  }
}
