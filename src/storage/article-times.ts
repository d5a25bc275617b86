/**
 * When each stored story counts from for retention, kept in time order beside the articles, so start-up reads
 * only the stories inside the window and a sweep finds the expired ones without reading any article. With
 * SQLite a table in the same file (`khulasa_article_times`, indexed on the time); with Redis a sorted set
 * (`<prefix>:article-times`); in memory a map (one process, nothing to share).
 */
export interface ArticleTimes {
  /** Records (or moves) stories: `t` is the ms their retention window counts from. */
  set(entries: readonly { id: string, t: number }[]): Promise<void>
  remove(ids: readonly string[]): Promise<void>
  /** Ids of stories whose time is at least `t`, in time order, in pages of `page` (all of them when t = 0). */
  since(t: number, page?: number): AsyncGenerator<string[]>
  /** Up to `limit` ids of stories older than `t`, oldest first. */
  before(t: number, limit: number): Promise<string[]>
}

const PAGE = 1000

type Query = <T>(sql: string, ...params: unknown[]) => Promise<T[]>

export async function sqliteArticleTimes(query: Query): Promise<ArticleTimes> {
  await query('CREATE TABLE IF NOT EXISTS khulasa_article_times (id TEXT PRIMARY KEY, t INTEGER NOT NULL)')
  await query('CREATE INDEX IF NOT EXISTS khulasa_article_times_t ON khulasa_article_times (t)')
  return {
    async set(entries) {
      // One statement per chunk: SQLite allows 999 bound parameters in older builds.
      for (let i = 0; i < entries.length; i += 400) {
        const chunk = entries.slice(i, i + 400)
        await query(`INSERT OR REPLACE INTO khulasa_article_times (id, t) VALUES ${chunk.map(() => '(?, ?)').join(', ')}`, ...chunk.flatMap((e) => [e.id, Math.round(e.t)]))
      }
    },
    async remove(ids) {
      for (let i = 0; i < ids.length; i += 900) {
        const chunk = ids.slice(i, i + 900)
        await query(`DELETE FROM khulasa_article_times WHERE id IN (${chunk.map(() => '?').join(', ')})`, ...chunk)
      }
    },
    async* since(t, page = PAGE) {
      // Keyset paging (time, then id): each page is an index seek, however many pages came before.
      let after: { t: number, id: string } | undefined
      for (;;) {
        const rows = after
          ? await query<{ id: string, t: number }>('SELECT id, t FROM khulasa_article_times WHERE (t > ? OR (t = ? AND id > ?)) ORDER BY t, id LIMIT ?', after.t, after.t, after.id, page)
          : await query<{ id: string, t: number }>('SELECT id, t FROM khulasa_article_times WHERE t >= ? ORDER BY t, id LIMIT ?', t, page)
        if (rows.length === 0) return
        yield rows.map((r) => r.id)
        if (rows.length < page) return
        after = rows.at(-1)!
      }
    },
    async before(t, limit) {
      const rows = await query<{ id: string }>('SELECT id FROM khulasa_article_times WHERE t < ? ORDER BY t LIMIT ?', t, limit)
      return rows.map((r) => r.id)
    },
  }
}

/** The part of a node-redis client this needs (the one @keyv/redis already holds; it connects on first use). */
export interface SortedSetClient {
  sendCommand(args: string[]): Promise<unknown>
}

export function redisArticleTimes(client: () => Promise<SortedSetClient>, key: string): ArticleTimes {
  const send = async (args: (string | number)[]) => (await client()).sendCommand(args.map(String))
  return {
    async set(entries) {
      for (let i = 0; i < entries.length; i += PAGE) {
        const chunk = entries.slice(i, i + PAGE)
        if (chunk.length > 0) await send(['ZADD', key, ...chunk.flatMap((e) => [Math.round(e.t), e.id])])
      }
    },
    async remove(ids) {
      for (let i = 0; i < ids.length; i += PAGE) {
        const chunk = ids.slice(i, i + PAGE)
        if (chunk.length > 0) await send(['ZREM', key, ...chunk])
      }
    },
    async* since(t, page = PAGE) {
      // By rank from the first member at t: ranks shift only if stories are added or removed meanwhile, and the
      // change log (read before the load) brings any of those again.
      const first = (await send(['ZCOUNT', key, '-inf', `(${t}`])) as number
      for (let start = first; ; start += page) {
        const ids = (await send(['ZRANGE', key, start, start + page - 1])) as string[]
        if (ids.length === 0) return
        yield ids
        if (ids.length < page) return
      }
    },
    async before(t, limit) {
      return (await send(['ZRANGEBYSCORE', key, '-inf', `(${t}`, 'LIMIT', 0, limit])) as string[]
    },
  }
}

export function memoryArticleTimes(): ArticleTimes {
  const times = new Map<string, number>()
  const ordered = () => [...times].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))
  return {
    async set(entries) {
      for (const { id, t } of entries) times.set(id, Math.round(t))
    },
    async remove(ids) {
      for (const id of ids) times.delete(id)
    },
    async* since(t, page = PAGE) {
      const ids = ordered().filter(([, at]) => at >= t).map(([id]) => id)
      for (let i = 0; i < ids.length; i += page) yield ids.slice(i, i + page)
    },
    async before(t, limit) {
      return ordered().filter(([, at]) => at < t).slice(0, limit).map(([id]) => id)
    },
  }
}
