import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createArticleStore, keptFrom } from '../../src/articles/article-store.js'
import type { Article } from '../../src/articles/types.js'
import { createStore, type Store } from '../../src/storage/create-store.js'
import { makeArticle } from '../helpers/core.js'
import { deletePrefix, redisUrl, scaleRedis, warnIfNoRedis } from '../scale/redis-helpers.js'

const NOW = Date.parse('2026-11-29T09:00:00Z')
const DAY = 86_400_000
const retention = { days: 30, now: () => new Date(NOW) }
const stores: Store[] = []
const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close()
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

async function open(url: string, keyPrefix?: string) {
  const store = await createStore(url, { keyPrefix })
  stores.push(store)
  return store
}

const dated = (title: string, daysAgo: number): Article => {
  const at = new Date(NOW - daysAgo * DAY).toISOString()
  return makeArticle({ title, publishedAt: at, firstSeenAt: at })
}
const ids = async (times: Store['articleTimes'], from = 0) => {
  const out: string[] = []
  for await (const page of times.since(from, 2)) out.push(...page)
  return out
}

/** A store as the code before articleTimes wrote it: records in `articles`, nothing beside them. */
async function legacyStore(store: Store, articles: Article[]) {
  await store.ns<Article>('articles').setMany(articles.map((a) => ({ key: a.id, value: a })))
}

/** The same store, but listing its articles namespace is an error: start-up must do without it. */
const withoutListing = (store: Store): Store => ({
  ...store,
  ns: store.ns,
  entries: () => { throw new Error('start-up listed every stored article') },
})

async function migratesThenReadsOnlyTheWindow(url: string, keyPrefix?: string) {
  const old = [dated('خبر قديم أول', 200), dated('خبر قديم ثان', 45), dated('خبر قديم ثالث', 31)]
  const kept = [dated('خبر حديث أول', 29), dated('خبر حديث ثان', 2), dated('خبر اليوم', 0)]
  await legacyStore(await open(url, keyPrefix), [...old, ...kept])

  // First start after the upgrade: every record is read once and its time recorded, expired ones included.
  const first = await open(url, keyPrefix)
  const upgraded = createArticleStore({ store: first, retention })
  expect(await upgraded.load()).toBe(3)
  expect(upgraded.latest(10).map((a) => a.title)).toEqual(['خبر اليوم', 'خبر حديث ثان', 'خبر حديث أول'])
  expect(await ids(first.articleTimes)).toEqual([...old, ...kept].map((a) => a.id))
  expect(await first.articleTimes.before(NOW - 30 * DAY, 10)).toEqual(old.map((a) => a.id))

  // Later starts read the window from the time index alone.
  const second = await open(url, keyPrefix)
  const restarted = createArticleStore({ store: withoutListing(second), retention })
  expect(await restarted.load()).toBe(3)
  expect(restarted.latest(10).map((a) => a.id)).toEqual(upgraded.latest(10).map((a) => a.id))

  // The sweep finds the expired records by time, and they leave the store and its index.
  await restarted.sweep()
  expect(restarted.retentionStats()).toEqual({ kept: 3, removed: 3 })
  expect(await second.ns('articles').getMany(old.map((a) => a.id))).toEqual([undefined, undefined, undefined])
  expect(await ids(second.articleTimes)).toEqual(kept.map((a) => a.id))

  // A story written now gets its time with its record, and the next start sees it.
  const fresh = dated('خبر جديد بعد الترقية', 0)
  await restarted.upsert([fresh])
  const third = createArticleStore({ store: withoutListing(await open(url, keyPrefix)), retention })
  expect(await third.load()).toBe(4)
  expect(third.get(fresh.id)?.title).toBe('خبر جديد بعد الترقية')
}

describe('stored story times (start-up reads only what retention keeps)', () => {
  it('fills the time index from a store written before it, then loads only the window from it, given an SQLite file', async () => {
    await migratesThenReadsOnlyTheWindow(`sqlite://${join(mkdtempSync(join(tmpdir(), 'khulasa-times-')), 'store.sqlite')}`)
  })

  warnIfNoRedis('stored story times on Redis')
  it.skipIf(!redisUrl)('fills the time index from a store written before it, then loads only the window from it, given Redis', async () => {
    const { url, prefix } = scaleRedis()
    cleanups.push(() => deletePrefix(url, prefix))
    await migratesThenReadsOnlyTheWindow(url, prefix)
  })

  it('keeps everything and still records times, given retention 0 on a store written before the index', async () => {
    const url = `sqlite://${join(mkdtempSync(join(tmpdir(), 'khulasa-times-')), 'store.sqlite')}`
    const stories = [dated('خبر من العام الماضي', 400), dated('خبر الأمس', 1)]
    await legacyStore(await open(url), stories)
    const store = await open(url)
    const all = createArticleStore({ store, retention: { days: 0, now: retention.now } })
    expect(await all.load()).toBe(2)
    expect(await ids(store.articleTimes)).toEqual(stories.map((a) => a.id))
    // Switching retention on later needs no second full read.
    expect(await createArticleStore({ store: withoutListing(await open(url)), retention }).load()).toBe(1)
  })

  it('counts a story from its first sight here when that is later than its publication, given an archive loaded today', async () => {
    const archived = makeArticle({ title: 'خبر من الأرشيف', publishedAt: '2015-03-01T10:00:00.000Z', firstSeenAt: new Date(NOW).toISOString() })
    expect(keptFrom(archived)).toBe(NOW)
    const store = await open('memory://')
    const articles = createArticleStore({ store, retention })
    await articles.upsert([archived])
    expect(await ids(store.articleTimes, NOW - DAY)).toEqual([archived.id])
  })
})
