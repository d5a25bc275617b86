import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createStore, type Store } from '../../src/storage/create-store.js'
import { batchSqliteWrites } from '../../src/storage/sqlite-set-many.js'

let dir: string | undefined
let store: Store | undefined
afterEach(async () => {
  await store?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
  store = undefined
  dir = undefined
})

async function sqliteStore(): Promise<Store> {
  dir = mkdtempSync(join(tmpdir(), 'khulasa-set-many-'))
  return store = await createStore(`sqlite://${join(dir, 'store.sqlite')}`)
}

describe('batchSqliteWrites', () => {
  it('stores what keyv set would, in one statement per batch, given a SQLite namespace', async () => {
    const kv = (await sqliteStore()).ns<{ n: number, tags: string[], note?: string }>('sent')
    batchSqliteWrites(kv)
    let statements = 0
    const adapter = kv.store as { query: (...args: unknown[]) => Promise<unknown> }
    const query = adapter.query
    adapter.query = (...args) => (statements++, query(...args))
    const entries = Array.from({ length: 1200 }, (_, i) => ({ key: `k${i}`, value: { n: i, tags: ['أ', `"${i}"`], ...(i % 2 ? { note: 'نص\nبسطرين' } : {}) } }))
    await kv.setMany(entries)
    // 1,200 rows at 500 a statement.
    expect(statements).toBe(3)
    expect(await kv.getMany(['k0', 'k1', 'k1199'])).toEqual([entries[0]!.value, entries[1]!.value, entries[1199]!.value])
    expect([...(await kv.getMany(entries.map((e) => e.key)))]).toEqual(entries.map((e) => e.value))
    // The stored text is the same as keyv's own set makes.
    await kv.set('by-set', entries[1]!.value)
    const rows = await query('SELECT key, value FROM keyv WHERE key IN (\'sent:by-set\', \'sent:k1\') ORDER BY key') as { value: string }[]
    expect(rows).toHaveLength(2)
    expect(rows[0]!.value).toBe(rows[1]!.value)
  })

  it('keeps the later value, given an existing key and the same key twice in one batch', async () => {
    const kv = (await sqliteStore()).ns<string>('subscribers')
    batchSqliteWrites(kv)
    await kv.set('a', 'old')
    await kv.setMany([{ key: 'a', value: 'first' }, { key: 'b', value: 'one' }, { key: 'a', value: 'second' }])
    expect(await kv.getMany(['a', 'b'])).toEqual(['second', 'one'])
  })

  it('writes into its own namespace only, given two namespaces with the same keys', async () => {
    const s = await sqliteStore()
    batchSqliteWrites(s.ns('sent'))
    await s.ns('meta').set('x', 'meta value')
    await s.ns('sent').setMany([{ key: 'x', value: 'sent value' }])
    expect(await s.ns('meta').get('x')).toBe('meta value')
    expect(await s.ns('sent').get('x')).toBe('sent value')
  })

  it('leaves a store that is not SQLite as it was', async () => {
    store = await createStore('memory://')
    const kv = store.ns<number>('sent')
    const before = kv.store as object
    batchSqliteWrites(kv)
    expect('setMany' in before).toBe(false)
    await kv.setMany([{ key: 'a', value: 1 }])
    expect(await kv.get('a')).toBe(1)
  })
})
