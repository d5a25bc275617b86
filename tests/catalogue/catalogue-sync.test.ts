import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../src/core.js'
import { testClock, testCore } from '../helpers/core.js'
import { pageText, seedText } from '../helpers/seed.js'
import { deletePrefix, redisUrl, scaleRedis, warnIfNoRedis } from '../scale/redis-helpers.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const cores: Core[] = []
afterEach(async () => { for (const core of cores.splice(0)) await core.close() })

const folder = () => mkdtempSync(join(tmpdir(), 'khulasa-catalogue-'))
async function open(env: Record<string, string>) {
  const core = await testCore(env)
  cores.push(core)
  return core
}

const STORY = pageText({
  title: 'افتتاح معرض الرياض الدولي للكتاب بمشاركة ألف دار نشر',
  body: ['افتتح معرض الرياض الدولي للكتاب أبوابه بمشاركة ألف دار نشر من ثلاثين دولة.', 'ويستمر المعرض عشرة أيام.'],
})

async function seesTheOthersIngest(env: Record<string, string>) {
  const [writer, reader] = [await open(env), await open(env)]
  const dir = folder()
  writeFileSync(join(dir, 'story.txt'), STORY)
  await writer.ingester.ingestDir(dir)
  const id = writer.articles.latest(1)[0]!.id
  await expect.poll(() => reader.articles.get(id)?.title, { timeout: 2000 }).toBe('افتتاح معرض الرياض الدولي للكتاب بمشاركة ألف دار نشر')
  expect(reader.articles.latest(1)[0]!.id).toBe(id)
  expect(reader.search.index.search('معرض الكتاب', 5)).toContain(id)
  expect(reader.articles.get(id)!.category).toBeTypeOf('string')
}

describe('one catalogue for every process', () => {
  it('shows a story ingested by another process in /latest and search within 2 s, given two bots on one SQLite file', async () => {
    await seesTheOthersIngest({ STORAGE_URL: `sqlite://${join(folder(), 'store.sqlite')}` })
  })

  warnIfNoRedis('catalogue change feed on Redis')
  it.skipIf(!redisUrl)('shows a story ingested by another process in /latest and search within 2 s, given two bots on one Redis', async () => {
    const { url, prefix } = scaleRedis()
    try {
      await seesTheOthersIngest({ STORAGE_URL: url, REDIS_PREFIX: prefix })
    }
    finally {
      await deletePrefix(url, prefix)
    }
  })

  it('shows what `npm run ingest` loads beside a running bot, given the CLI on the bot\'s SQLite file', async () => {
    const dir = folder()
    const env = { STORAGE_URL: `sqlite://${join(dir, 'store.sqlite')}` }
    const bot = await open(env)
    writeFileSync(join(dir, 'seed.txt'), seedText())
    const cli = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'src/articles/ingest-cli.ts'), join(dir, 'seed.txt')], {
      cwd: dir,
      env: { PATH: process.env.PATH!, HOME: process.env.HOME!, LOG_LEVEL: 'silent', ARTICLE_RETENTION_DAYS: '0', ...env },
      stdio: 'ignore',
    })
    expect(await new Promise((resolve) => cli.on('exit', resolve))).toBe(0)
    await expect.poll(() => bot.articles.count(), { timeout: 2000 }).toBe(7)
    expect(bot.articles.latest(3).map((a) => a.title)[0]).toBe('لوكاشينكو لوزير الدفاع الصيني: نحن بحاجة لحماية دولتينا وشعبينا')
  }, 30_000)
})

describe('retention', () => {
  it('takes a story past the window out of /latest, search, related and digests, and out of the store, given a fake clock', async () => {
    const clock = testClock('2026-11-01T09:00:00Z')
    const dir = folder()
    const env = { STORAGE_URL: `sqlite://${join(dir, 'store.sqlite')}`, ARTICLE_RETENTION_DAYS: '30' }
    const core = await testCore(env, undefined, clock)
    cores.push(core)
    writeFileSync(join(dir, 'seed.txt'), seedText())
    await core.ingester.ingestDir(dir)
    const old = core.articles.latest(10).find((a) => a.title.startsWith('لوكاشينكو'))!
    // 34 days on: the seed is past the window but still in memory until the sweep.
    clock.set('2026-12-05T09:00:00Z')
    writeFileSync(join(dir, 'story.txt'), STORY)
    await core.ingester.ingestDir(dir)
    const fresh = core.articles.latest(1)[0]!
    expect(core.search.related.get(fresh.id)).toBeDefined()

    await core.articles.sweep()
    expect(core.articles.get(old.id)).toBeUndefined()
    expect(core.articles.latest(10).map((a) => a.id)).toEqual([fresh.id])
    expect(core.search.index.search('لوكاشينكو', 5)).toEqual([])
    expect(JSON.stringify(core.search.related.get(fresh.id) ?? [])).not.toContain(old.id)
    const digest = (await core.digests.preview(5, 'ar', { timeZone: 'UTC', digestTime: '08:00' })).map((p) => p.text).join('\n')
    expect(digest).toContain('معرض الرياض')
    expect(digest).not.toContain('لوكاشينكو')
    expect(await core.store.ns('articles').get(old.id)).toBeUndefined()
    expect(core.articles.retentionStats()).toEqual({ kept: 1, removed: 7 })

    // A restart loads only what is kept.
    const again = await testCore(env, undefined, clock)
    cores.push(again)
    expect(again.articles.count()).toBe(1)
  })
})
