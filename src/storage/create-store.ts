import { existsSync, mkdirSync } from 'node:fs'
import { dirname, parse, resolve } from 'node:path'
import KeyvSqlite from '@keyv/sqlite'
import { Keyv } from 'keyv'
import { memoryArticleTimes, redisArticleTimes, sqliteArticleTimes, type ArticleTimes, type SortedSetClient } from './article-times.js'
import { redisCause } from './redis-errors.js'

/** Every namespace the bot keeps. Each gets its own adapter instance: a shared one mixes namespaces up. */
export const NAMESPACES = ['articles', 'summaries', 'subscribers', 'profiles', 'sent', 'meta', 'feeds'] as const
export type Namespace = (typeof NAMESPACES)[number]

export interface Store {
  readonly kind: 'sqlite' | 'redis' | 'memory'
  ns<T = unknown>(name: Namespace): Keyv<T>
  /** Yields every [key, value] of a namespace, keys without the namespace prefix. */
  entries<T>(name: Namespace): AsyncGenerator<[string, T]>
  /** When each stored story counts from for retention, in time order (the articles namespace's own index). */
  readonly articleTimes: ArticleTimes
  close(): Promise<void>
}

export class StoreError extends Error {}

export interface StoreOptions {
  connectTimeoutMs?: number
  /** Redis only: namespaces become `<keyPrefix>:<name>`, so several bots (or tests) can share one Redis. */
  keyPrefix?: string
}

export async function createStore(url: string, options: StoreOptions = {}): Promise<Store> {
  const scheme = url.slice(0, url.indexOf('://'))
  const kind = scheme === 'sqlite' ? 'sqlite' : scheme.startsWith('redis') ? 'redis' : 'memory'
  const adapters = new Map<Namespace, Keyv>()
  const raw = new Map<Namespace, unknown>()
  if (kind === 'sqlite') prepareSqliteFolder(sqliteFile(url))
  for (const name of NAMESPACES) {
    raw.set(name, await makeAdapter(kind, url, options))
    adapters.set(name, new Keyv({ store: raw.get(name), namespace: namespaced(kind, options, name), useKeyPrefix: true, throwOnErrors: true }))
  }
  // The client's own errors explain a failed probe; a few recent ones are enough (Redis may be down for hours).
  const errors: Error[] = []
  for (const keyv of adapters.values()) keyv.on('error', (err: Error) => errors.push(err) > 20 && errors.shift())
  if (kind !== 'memory') {
    await probe(adapters.get('meta')!, url, options.connectTimeoutMs ?? 5000, errors).catch(async (err: Error) => {
      await Promise.allSettled([...adapters.values()].map((k) => k.disconnect()))
      throw err
    })
  }

  const articlesAdapter = raw.get('articles')
  const articleTimes = kind === 'sqlite'
    ? await sqliteArticleTimes((articlesAdapter as KeyvSqlite).query as never)
    : kind === 'redis'
      ? redisArticleTimes(() => (articlesAdapter as { getClient(): Promise<SortedSetClient> }).getClient(), `${options.keyPrefix ? `${options.keyPrefix}:` : ''}article-times`)
      : memoryArticleTimes()

  return {
    kind,
    ns: <T>(name: Namespace) => adapters.get(name) as Keyv<T>,
    async* entries<T>(name: Namespace) {
      const keyv = adapters.get(name)!
      if (kind === 'sqlite') {
        yield* sqliteEntries<T>(raw.get(name) as KeyvSqlite, keyv, name)
        return
      }
      if (!keyv.iterator) throw new StoreError(`store ${kind} cannot list ${name}`)
      for await (const [key, value] of keyv.iterator(undefined) as AsyncGenerator<[string, T]>) yield [key, value]
    },
    articleTimes,
    async close() {
      await Promise.allSettled([...adapters.values()].map((k) => k.disconnect()))
    },
  }
}

const namespaced = (kind: Store['kind'], options: StoreOptions, name: Namespace) => (kind === 'redis' && options.keyPrefix ? `${options.keyPrefix}:${name}` : name)

const LIST_PAGE = 1000

/**
 * keyv's SQLite iterator pages with LIMIT … OFFSET over a LIKE scan, so each page re-reads every row before it:
 * listing 300k articles never finished (bench:catalog). Keyset paging on the primary key seeks to each page instead.
 * Values are decoded by keyv itself; the namespaces listed here carry no expiry.
 */
async function* sqliteEntries<T>(adapter: KeyvSqlite, keyv: Keyv, name: Namespace): AsyncGenerator<[string, T]> {
  const table = (adapter.opts as { table?: string }).table ?? 'keyv'
  const prefix = `${name}:`
  // ';' follows ':' in code-point order: every key of the namespace lies between the two.
  const end = `${name};`
  let after = prefix
  for (;;) {
    const rows = await adapter.query(`SELECT key, value FROM ${table} WHERE key > ? AND key < ? ORDER BY key LIMIT ?`, after, end, LIST_PAGE) as { key: string, value: string }[]
    for (const row of rows) {
      const data = await keyv.deserializeData<T>(row.value)
      if (data !== undefined) yield [row.key.slice(prefix.length), data.value as T]
    }
    if (rows.length < LIST_PAGE) return
    after = rows.at(-1)!.key
  }
}

async function makeAdapter(kind: Store['kind'], url: string, { connectTimeoutMs = 5000 }: { connectTimeoutMs?: number }) {
  if (kind === 'memory') return new Map()
  if (kind === 'redis') {
    // Loaded only for Redis: the client library alone took ~1.5 s of a SQLite start-up (bench:catalog --cpu-prof).
    const { default: KeyvRedis } = await import('@keyv/redis')
    return new KeyvRedis(url, { throwOnConnectError: true, throwOnErrors: true, connectionTimeout: connectTimeoutMs })
  }
  const file = sqliteFile(url)
  const sqlite = new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 10_000, iterationLimit: 1000 } as ConstructorParameters<typeof KeyvSqlite>[0])
  // Every statement goes through query(): its errors name the file, so a full disk or a corrupt file says which one.
  const query = sqlite.query
  sqlite.query = (sql: string, ...params: unknown[]) => query(sql, ...params).catch((err: Error) => {
    throw new StoreError(`SQLite ${file}: ${err.message}`, { cause: err })
  })
  // WAL: readers never block the writer, and one fsync per checkpoint instead of one per article.
  await sqlite.query('PRAGMA journal_mode=WAL')
  await sqlite.query('PRAGMA synchronous=NORMAL')
  return sqlite
}

function sqliteFile(url: string) {
  return resolve(url.replace(/^sqlite:\/\//, ''))
}

/**
 * Creates the file's own folder and nothing above it: a typo such as sqlite:///data/x.sqlite (three
 * slashes) must not make folders up to the filesystem root.
 */
function prepareSqliteFolder(file: string) {
  const folder = dirname(file)
  if (existsSync(folder)) return
  const parent = dirname(folder)
  if (parent === parse(folder).root) throw new StoreError(`cannot open the SQLite store at ${file}: the folder ${folder} does not exist, and none is created at the filesystem root`)
  if (!existsSync(parent)) throw new StoreError(`cannot open the SQLite store at ${file}: the folder ${parent} does not exist (only the file's own folder is created)`)
  try {
    mkdirSync(folder)
  }
  catch (err) {
    throw new StoreError(`cannot open the SQLite store at ${file}: cannot create ${folder}: ${(err as Error).message}`)
  }
}

/** One read with a deadline: a Redis that accepts the connection but never answers is as down as a closed port. */
async function probe(keyv: Keyv, url: string, timeoutMs: number, seen: Error[]) {
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      keyv.get('__probe__'),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs) }),
    ])
  }
  catch (err) {
    const safe = url.replace(/\/\/[^@/]*@/, '//***@')
    throw new StoreError(`cannot open the store at ${safe}: ${redisCause(seen) ?? (err as Error).message}`)
  }
  finally {
    clearTimeout(timer)
  }
}
