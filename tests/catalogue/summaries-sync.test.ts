import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../src/core.js'
import { testCore } from '../helpers/core.js'
import { startFakeOpenAi, type FakeOpenAi } from '../helpers/fake-openai.js'
import { pageText } from '../helpers/seed.js'

let fake: FakeOpenAi
beforeAll(async () => { fake = await startFakeOpenAi() })
afterAll(async () => { await fake.close() })
const cores: Core[] = []
afterEach(async () => { for (const core of cores.splice(0)) await core.close() })

const STORY = pageText({
  title: 'افتتاح معرض الرياض الدولي للكتاب',
  body: ['افتتح وزير الثقافة معرض الرياض الدولي للكتاب بمشاركة 500 دار نشر من ثلاثين دولة.', 'ويستمر المعرض عشرة أيام في مركز المعارض.'],
})

describe('summaries across processes', () => {
  it('shows the LLM summary another process stored after this one cached the offline one, given two bots on one SQLite file', async () => {
    const url = `sqlite://${join(mkdtempSync(join(tmpdir(), 'khulasa-summaries-')), 'store.sqlite')}`
    // The LLM answers only after the reader has cached the offline summary.
    fake.script({ kind: 'slow', ms: 3000, content: 'افتتح وزير الثقافة معرض الرياض الدولي للكتاب بمشاركة 500 دار نشر.' })
    const writer = await testCore({ STORAGE_URL: url, OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL, OPENAI_TIMEOUT_MS: '10000' })
    const reader = await testCore({ STORAGE_URL: url })
    cores.push(writer, reader)
    const dir = mkdtempSync(join(tmpdir(), 'khulasa-summaries-'))
    writeFileSync(join(dir, 'story.txt'), STORY)
    await writer.ingester.ingestDir(dir)
    await expect.poll(() => reader.articles.count(), { timeout: 2000 }).toBe(1)
    const [article] = reader.articles.latest(1)
    expect((await reader.summaries.get(article!))?.method).toBe('extractive')
    await writer.summaries.idle()
    await expect.poll(async () => (await reader.summaries.get(article!))?.method, { timeout: 2000 }).toBe('llm')
  })
})
