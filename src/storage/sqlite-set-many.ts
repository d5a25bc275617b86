import KeyvSqlite from '@keyv/sqlite'
import type { Keyv } from 'keyv'

/** Rows per statement: well under SQLite's limits on one statement's size, big enough to amortise it. */
const ROWS_PER_STATEMENT = 500

/**
 * @keyv/sqlite has no setMany, so keyv's setMany on it is one INSERT per entry, each its own transaction:
 * about 150 µs of CPU apiece (npm run bench:digest, two journal writes per message sent). This gives one
 * namespace's SQLite adapter a setMany that upserts the lot in one statement (one transaction, so atomic
 * too). keyv still serialises and prefixes every entry as for `set`, so what is stored is the same. Any
 * other adapter (Redis, memory) is left as it is.
 */
export function batchSqliteWrites(keyv: Keyv): void {
  const adapter: unknown = keyv.store
  if (!(adapter instanceof KeyvSqlite) || 'setMany' in adapter) return
  const table = adapter.opts.table ?? 'keyv'
  // `WHERE true` keeps SQLite from reading ON CONFLICT as part of the SELECT's join.
  const upsert = `INSERT INTO ${table} (key, value) SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?) WHERE true
    ON CONFLICT(key) DO UPDATE SET value = excluded.value`
  Object.assign(adapter, {
    async setMany(entries: { key: string, value: unknown }[]): Promise<boolean[]> {
      for (let i = 0; i < entries.length; i += ROWS_PER_STATEMENT) {
        await adapter.query(upsert, JSON.stringify(entries.slice(i, i + ROWS_PER_STATEMENT).map((e) => [e.key, e.value])))
      }
      return entries.map(() => true)
    },
  })
}
