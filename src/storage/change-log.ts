import { randomUUID } from 'node:crypto'
import { resolve } from 'node:path'
import KeyvSqlite from '@keyv/sqlite'
import type { Redis } from 'ioredis'

/** What changed in the shared catalogue: every process appends its writes and applies the others'. */
export type ChangeKind = 'articles' | 'articles-removed' | 'profiles' | 'summaries'

export interface Change { kind: ChangeKind, ids: string[], origin: string }

export interface ChangeLog {
  /** This process's id: its own changes come back to it and are skipped. */
  readonly origin: string
  append(kind: ChangeKind, ids: string[]): Promise<void>
  /**
   * The position of the newest change. Read it before loading the catalogue and follow from it,
   * so a write made during the load is applied (again) rather than missed.
   */
  tail(): Promise<string>
  /** Calls `apply` with other processes' changes after `from`, in order, every `pollMs`; returns a stop function. */
  follow(from: string, apply: (changes: Change[]) => Promise<void>, onError: (err: Error) => void): () => Promise<void>
  close(): Promise<void>
}

/** Followers that lag this far behind reload instead; older entries are dropped. */
const KEEP = 200_000
const BATCH = 500

interface Backend {
  append(row: Change): Promise<void>
  tail(): Promise<string>
  read(after: string): Promise<{ at: string, change: Change }[]>
  close(): Promise<void>
}

/**
 * The change feed: a SQLite table beside keyv's in the same file, a Redis stream, or nothing for
 * memory:// (one process, nothing to follow). Polling keeps one code path for both; at 250 ms it
 * is well inside the 2 s within which every process must see another's writes.
 */
export async function createChangeLog(url: string, { keyPrefix = 'khulasa', pollMs = 250 }: { keyPrefix?: string, pollMs?: number } = {}): Promise<ChangeLog> {
  const scheme = url.slice(0, url.indexOf('://'))
  const backend = scheme === 'sqlite' ? await sqliteBackend(resolve(url.replace(/^sqlite:\/\//, ''))) : scheme.startsWith('redis') ? await redisBackend(url, `${keyPrefix}:changes`) : undefined
  const origin = randomUUID()
  return {
    origin,
    append: async (kind, ids) => { if (backend && ids.length > 0) await backend.append({ kind, ids, origin }) },
    tail: async () => (backend ? backend.tail() : '0'),
    follow(from, apply, onError) {
      if (!backend) return async () => {}
      let cursor = from
      let stopped = false
      let running: Promise<void> = Promise.resolve()
      const poll = async () => {
        try {
          for (;;) {
            const rows = await backend.read(cursor)
            if (rows.length === 0 || stopped) break
            const others = rows.map((r) => r.change).filter((c) => c.origin !== origin)
            if (others.length > 0) await apply(others)
            // Only past what was applied: a batch whose apply failed (the store went away) is read again next poll.
            cursor = rows.at(-1)!.at
            if (rows.length < BATCH) break
          }
        }
        catch (err) {
          onError(err as Error)
        }
      }
      const timer = setInterval(() => { running = running.then(poll) }, pollMs)
      timer.unref()
      return async () => {
        stopped = true
        clearInterval(timer)
        await running
      }
    },
    close: async () => { await backend?.close() },
  }
}

async function sqliteBackend(file: string): Promise<Backend> {
  // keyv's own SQLite adapter gives a connection to the same file; the log is a table of its own.
  const db = new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 10_000 } as ConstructorParameters<typeof KeyvSqlite>[0])
  const query = <T>(sql: string, ...params: unknown[]) => db.query(sql, ...params) as Promise<T[]>
  await query('PRAGMA journal_mode=WAL')
  await query('CREATE TABLE IF NOT EXISTS khulasa_changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, origin TEXT NOT NULL, kind TEXT NOT NULL, ids TEXT NOT NULL)')
  let appended = 0
  return {
    async append({ kind, ids, origin }) {
      await query('INSERT INTO khulasa_changes (origin, kind, ids) VALUES (?, ?, ?)', origin, kind, JSON.stringify(ids))
      if (++appended % 1000 === 0) await query('DELETE FROM khulasa_changes WHERE seq <= (SELECT MAX(seq) FROM khulasa_changes) - ?', KEEP)
    },
    async tail() {
      const [row] = await query<{ seq: number | null }>('SELECT MAX(seq) AS seq FROM khulasa_changes')
      return String(row?.seq ?? 0)
    },
    async read(after) {
      const rows = await query<{ seq: number, origin: string, kind: ChangeKind, ids: string }>(
        'SELECT seq, origin, kind, ids FROM khulasa_changes WHERE seq > ? ORDER BY seq LIMIT ?', Number(after), BATCH)
      return rows.map((r) => ({ at: String(r.seq), change: { kind: r.kind, ids: JSON.parse(r.ids) as string[], origin: r.origin } }))
    },
    close: () => db.disconnect(),
  }
}

async function redisBackend(url: string, key: string): Promise<Backend> {
  // Loaded only for Redis, as in create-store.ts: a SQLite process need not load a Redis client.
  const { connectRedis } = await import('./redis-connection.js')
  const redis: Redis = await connectRedis(url, { name: 'changes' })
  return {
    async append({ kind, ids, origin }) {
      await redis.xadd(key, 'MAXLEN', '~', String(KEEP), '*', 'origin', origin, 'kind', kind, 'ids', JSON.stringify(ids))
    },
    async tail() {
      const [last] = await redis.xrevrange(key, '+', '-', 'COUNT', 1)
      return last?.[0] ?? '0-0'
    },
    async read(after) {
      const rows = await redis.xrange(key, `(${after}`, '+', 'COUNT', BATCH)
      return rows.map(([at, fields]) => {
        const get = (name: string) => fields[fields.indexOf(name) + 1] ?? ''
        return { at, change: { kind: get('kind') as ChangeKind, ids: JSON.parse(get('ids') || '[]') as string[], origin: get('origin') } }
      })
    },
    async close() {
      redis.disconnect()
    },
  }
}
