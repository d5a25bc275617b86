import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createArticleStore } from '../../src/articles/article-store.js'
import { createStore, StoreError } from '../../src/storage/create-store.js'
import { makeArticle } from '../helpers/core.js'

describe('createStore', () => {
  it('keeps articles and namespaces apart across a restart, given an SQLite file', async () => {
    const url = `sqlite://${join(mkdtempSync(join(tmpdir(), 'khulasa-store-')), 'nested', 'bot.sqlite')}`
    const first = await createStore(url)
    const articles = createArticleStore({ store: first })
    const story = makeArticle({ title: 'خبر محفوظ', section: 'أوروبا' })
    await articles.upsert([story])
    await first.ns('meta').set(story.id, 'not an article')
    await first.ns('subscribers').set('42', { chatId: 42 })
    await first.close()

    const second = await createStore(url)
    const reloaded = createArticleStore({ store: second })
    expect(await reloaded.load()).toBe(1)
    expect(reloaded.get(story.id)).toEqual({ ...story, seq: 0 })
    expect(await second.ns('meta').get(story.id)).toBe('not an article')
    expect(await second.ns('subscribers').get('42')).toEqual({ chatId: 42 })
    const keys: string[] = []
    for await (const [key] of second.entries('articles')) keys.push(key)
    expect(keys).toEqual([story.id])
    await second.close()
  })

  it('lists more entries than one page of the iterator, given 2,500 keys', async () => {
    const url = `sqlite://${join(mkdtempSync(join(tmpdir(), 'khulasa-store-')), 'many.sqlite')}`
    const store = await createStore(url)
    await store.ns('meta').setMany(Array.from({ length: 2500 }, (_, i) => ({ key: `k${i}`, value: i })))
    let count = 0
    for await (const _ of store.entries('meta')) count++
    expect(count).toBe(2500)
    await store.close()
  })

  it('fails at once with a clear error, given a Redis URL where none listens', async () => {
    await expect(createStore('redis://127.0.0.1:1', { connectTimeoutMs: 300 })).rejects.toThrow(StoreError)
    await expect(createStore('redis://user:secret@127.0.0.1:1', { connectTimeoutMs: 300 })).rejects.toThrow(/cannot open the store at redis:\/\/\*\*\*@127\.0\.0\.1:1/)
  })

  it('refuses without creating any folder, given a folder at the filesystem root or one whose parent is missing', async () => {
    const atRoot = `/khulasa-nonexistent-${randomUUID().slice(0, 8)}`
    await expect(createStore(`sqlite://${atRoot}/x.sqlite`)).rejects.toThrow(`cannot open the SQLite store at ${atRoot}/x.sqlite: the folder ${atRoot} does not exist, and none is created at the filesystem root`)
    expect(existsSync(atRoot)).toBe(false)
    const base = mkdtempSync(join(tmpdir(), 'khulasa-store-'))
    await expect(createStore(`sqlite://${join(base, 'a', 'b', 'x.sqlite')}`)).rejects.toThrow(`the folder ${join(base, 'a')} does not exist (only the file's own folder is created)`)
    expect(existsSync(join(base, 'a'))).toBe(false)
  })

  it('names the file in the error, given a file that is not an SQLite database', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'khulasa-store-')), 'garbage.sqlite')
    writeFileSync(file, 'this is not a database '.repeat(200))
    const failure = createStore(`sqlite://${file}`)
    await expect(failure).rejects.toThrow(StoreError)
    await expect(failure).rejects.toThrow(`SQLite ${file}: SQLITE_NOTADB`)
  })
})
