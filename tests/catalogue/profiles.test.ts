import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from '../helpers/bot-harness.js'
import { messageUpdate } from '../helpers/updates.js'
import { deletePrefix, redisUrl, scaleRedis, warnIfNoRedis } from '../scale/redis-helpers.js'
import { searchFixtures } from '../search/fixtures.js'

const harnesses: Harness[] = []
afterEach(async () => { for (const h of harnesses.splice(0)) await h.close() })

/** Two bots on one store: each has its own memory, fake Bot API and cached chat profiles. */
async function twoBots(env: Record<string, string>) {
  const [a, b] = [await startHarness(env, { seed: false }), await startHarness(env, { seed: false })]
  harnesses.push(a, b)
  await a.core.articles.upsert(Object.values(searchFixtures()))
  await expect.poll(() => b.core.articles.count(), { timeout: 2000 }).toBe(a.core.articles.count())
  return { a, b }
}

async function followAppliesOnTheOther(env: Record<string, string>) {
  const { a, b } = await twoBots(env)
  const say = (h: Harness, text: string) => h.bot.handleUpdate(messageUpdate({ text, chatId: 4401, languageCode: 'ar' }))
  // The other instance has read (and cached) the chat's profile before the change.
  await say(b, '/latest 10')
  expect(b.api.textsTo(4401).at(-1)).toContain('الهلال')
  await say(a, '/follow روسيا')
  await expect.poll(async () => {
    await say(b, '/latest 10')
    return b.api.textsTo(4401).at(-1)
  }, { timeout: 2000, interval: 100 }).toContain('حسب مواضيعك')
  const shown = b.api.textsTo(4401).at(-1)!
  expect(shown).toContain('الحكومة الروسية تقر ميزانية الدفاع')
  expect(shown).not.toContain('الهلال')
}

describe('chat profiles across instances', () => {
  it('applies a /follow made on one bot to /latest on the other within 2 s, given two bots on one SQLite file', async () => {
    await followAppliesOnTheOther({ STORAGE_URL: `sqlite://${join(mkdtempSync(join(tmpdir(), 'khulasa-profiles-')), 'store.sqlite')}` })
  })

  warnIfNoRedis('chat profiles across instances on Redis')
  it.skipIf(!redisUrl)('applies a /follow made on one bot to /latest on the other within 2 s, given two bots on one Redis', async () => {
    const { url, prefix } = scaleRedis()
    try {
      await followAppliesOnTheOther({ STORAGE_URL: url, REDIS_PREFIX: prefix })
    }
    finally {
      await deletePrefix(url, prefix)
    }
  })
})
