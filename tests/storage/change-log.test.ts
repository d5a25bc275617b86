import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createChangeLog, type Change, type ChangeLog } from '../../src/storage/change-log.js'
import { deletePrefix, redisUrl, scaleRedis, warnIfNoRedis } from '../scale/redis-helpers.js'

const open: ChangeLog[] = []
const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop()
  for (const log of open.splice(0)) await log.close()
})

/** Two processes' logs on one store: what A appends, B sees; A never sees its own. */
async function pair(url: string, keyPrefix?: string) {
  const [a, b] = [await createChangeLog(url, { keyPrefix, pollMs: 20 }), await createChangeLog(url, { keyPrefix, pollMs: 20 })]
  open.push(a, b)
  const seen = { a: [] as Change[], b: [] as Change[] }
  const fail = (err: Error) => { throw err }
  stops.push(a.follow(await a.tail(), async (c) => { seen.a.push(...c) }, fail), b.follow(await b.tail(), async (c) => { seen.b.push(...c) }, fail))
  return { a, b, seen }
}

async function showsOthersChanges(url: string, keyPrefix?: string) {
  const { a, b, seen } = await pair(url, keyPrefix)
  await a.append('articles', ['x1', 'x2'])
  await a.append('articles-removed', ['x0'])
  await b.append('profiles', ['42'])
  await expect.poll(() => seen.b.length).toBe(2)
  await expect.poll(() => seen.a.length).toBe(1)
  expect(seen.b.map(({ kind, ids }) => ({ kind, ids }))).toEqual([{ kind: 'articles', ids: ['x1', 'x2'] }, { kind: 'articles-removed', ids: ['x0'] }])
  expect(seen.a.map(({ kind, ids }) => ({ kind, ids }))).toEqual([{ kind: 'profiles', ids: ['42'] }])
}

describe('createChangeLog', () => {
  it('passes one process\'s changes to another in order and skips its own, given two logs on one SQLite file', async () => {
    await showsOthersChanges(`sqlite://${join(mkdtempSync(join(tmpdir(), 'khulasa-changes-')), 'store.sqlite')}`)
  })

  it('starts after what was there before, given a tail read before following', async () => {
    const url = `sqlite://${join(mkdtempSync(join(tmpdir(), 'khulasa-changes-')), 'store.sqlite')}`
    const writer = await createChangeLog(url)
    open.push(writer)
    await writer.append('articles', ['old'])
    const { a, seen } = await pair(url)
    await writer.append('articles', ['new'])
    await expect.poll(() => seen.a.length).toBe(1)
    expect(seen.a[0]!.ids).toEqual(['new'])
    expect(await a.tail()).not.toBe('0')
  })

  it('applies a batch again on the next poll, given an apply that failed the first time', async () => {
    const url = `sqlite://${join(mkdtempSync(join(tmpdir(), 'khulasa-changes-')), 'store.sqlite')}`
    const [writer, reader] = [await createChangeLog(url, { pollMs: 20 }), await createChangeLog(url, { pollMs: 20 })]
    open.push(writer, reader)
    const applied: string[][] = []
    const errors: string[] = []
    let calls = 0
    stops.push(reader.follow(await reader.tail(), async (batch) => {
      if (++calls === 1) throw new Error('store went away')
      applied.push(...batch.map((c) => c.ids))
    }, (err) => { errors.push(err.message) }))
    await writer.append('articles', ['kept'])
    await expect.poll(() => applied.length).toBe(1)
    expect(applied).toEqual([['kept']])
    expect(errors).toEqual(['store went away'])
  })

  it('has nothing to follow, given memory://', async () => {
    const log = await createChangeLog('memory://')
    open.push(log)
    await log.append('articles', ['x'])
    expect(await log.tail()).toBe('0')
  })

  warnIfNoRedis('change log on Redis')
  it.skipIf(!redisUrl)('passes one process\'s changes to another in order and skips its own, given two logs on one Redis', async () => {
    const { url, prefix } = scaleRedis()
    try {
      await showsOthersChanges(url, prefix)
    }
    finally {
      await deletePrefix(url, prefix)
    }
  })
})
