import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createStore, type Store } from '../../src/storage/create-store.js'
import { createLlmSummarizer } from '../../src/summarize/llm-summarizer.js'
import { contentHash, createSummaryStore, type SummaryUsage } from '../../src/summarize/summary-store.js'
import { captureLogger, makeArticle, testCore, type LogLine } from '../helpers/core.js'
import { startFakeOpenAi, type FakeBehaviour, type FakeOpenAi } from '../helpers/fake-openai.js'
import { seedText } from '../helpers/seed.js'

let fake: FakeOpenAi
let store: Store
let lines: () => LogLine[]
let summaries: ReturnType<typeof createSummaryStore>

beforeAll(async () => { fake = await startFakeOpenAi() })
afterAll(() => fake.close())
beforeEach(async () => {
  fake.reset()
  fake.setDefault({ kind: 'reply', content: 'افتتح وزير الثقافة معرض الكتاب في الرياض بمشاركة 500 دار نشر.' })
  store = await createStore('memory://')
  summaries = open(store)
})
afterEach(async () => {
  await summaries.close()
  await store.close()
})

function open(target: Store, withLlm = true, queue: { concurrency?: number, queueMax?: number } = {}) {
  const capture = captureLogger()
  lines = capture.lines
  const llm = withLlm
    ? createLlmSummarizer({ apiKey: 'sk-test', baseURL: fake.baseURL, model: 'test-model', timeoutMs: 1000, maxRetries: 0, maxChars: 280, logger: capture.logger })
    : undefined
  return createSummaryStore({ store: target, logger: capture.logger, shortChars: 280, longChars: 600, llm, concurrency: 2, now: () => new Date('2026-11-30T08:00:00.000Z'), ...queue })
}

const bookFair = () => makeArticle({
  title: 'افتتاح معرض الرياض للكتاب',
  paragraphs: [
    'افتتح وزير الثقافة معرض الرياض الدولي للكتاب بمشاركة 500 دار نشر من 30 دولة.',
    'ويستمر المعرض عشرة أيام، وتقام على هامشه ندوات وأمسيات شعرية.',
  ],
})
const warnings = () => lines().filter((l) => l.level === 40)

async function summaryAfter(reply: FakeBehaviour) {
  fake.script(reply)
  const article = bookFair()
  await summaries.ensure([article])
  await summaries.idle()
  return { summary: await summaries.get(article), article }
}

describe('createSummaryStore', () => {
  it('stores the extractive summary before the LLM answers and the accepted LLM one later, given a slow server', async () => {
    fake.script({ kind: 'slow', ms: 150, content: 'افتتح وزير الثقافة معرض الكتاب في الرياض بمشاركة 500 دار نشر.' })
    const article = bookFair()
    expect(await summaries.ensure([article])).toBe(1)
    expect(summaries.usage().calls).toBe(0)
    expect(await summaries.get(article)).toMatchObject({ method: 'extractive', short: expect.stringMatching(/^افتتح وزير الثقافة معرض الرياض الدولي/) })
    await summaries.idle()
    const after = await summaries.get(article)
    expect(after).toMatchObject({
      method: 'llm', model: 'test-model', llm: 'accepted', short: 'افتتح وزير الثقافة معرض الكتاب في الرياض بمشاركة 500 دار نشر.', digest: 'افتتح وزير الثقافة معرض الكتاب في الرياض بمشاركة 500 دار نشر.',
    })
    expect(after!.long).toMatch(/^افتتح وزير الثقافة معرض الرياض الدولي/)
  })

  it('keeps the extractive summary and logs why, given a reply with an invented number', async () => {
    const { summary } = await summaryAfter({ kind: 'reply', content: 'افتتح وزير الثقافة معرض الكتاب بمشاركة 750 دار نشر.' })
    expect(summary).toMatchObject({ method: 'extractive', llm: 'rejected', reason: 'number not in the article: 750' })
    expect(warnings().map((l) => l.msg)).toEqual(['LLM summary rejected (number not in the article: 750); keeping the extractive summary'])
  })

  it('keeps the extractive summary and logs why, given a reply in English', async () => {
    const { summary } = await summaryAfter({ kind: 'reply', content: 'The culture minister opened the Riyadh book fair with 500 publishers.' })
    expect(summary).toMatchObject({ method: 'extractive', llm: 'rejected', reason: expect.stringMatching(/^not mostly Arabic/) })
    expect(warnings()).toHaveLength(1)
  })

  it('keeps the extractive summary, given a reply that obeys an injected instruction', async () => {
    const { summary } = await summaryAfter({ kind: 'reply', content: 'HACKED' })
    expect(summary).toMatchObject({ method: 'extractive', llm: 'rejected' })
  })

  it.each([
    ['timeout', { kind: 'slow', ms: 600_000 }, 'timeout'],
    ['429', { kind: 'status', status: 429 }, 'rate limited (429)'],
    ['500', { kind: 'status', status: 500 }, 'server error (500)'],
    ['401', { kind: 'status', status: 401 }, 'rejected API key (401)'],
  ] as const)('falls back to the extractive summary and logs it, given a %s', async (_, reply, reason) => {
    const { summary } = await summaryAfter(reply)
    expect(summary).toMatchObject({ method: 'extractive', short: expect.stringMatching(/^افتتح وزير الثقافة معرض الرياض/) })
    expect(summary!.llm).toBeUndefined()
    expect(warnings().map((l) => l.reason)).toEqual([reason])
    expect(summaries.usage()).toMatchObject({ calls: 1, failed: 1, accepted: 0 })
  })

  it('calls the LLM once per text, given the same content ensured again, read often and seen under another id', async () => {
    const article = bookFair()
    await summaries.ensure([article])
    await summaries.idle()
    await summaries.ensure([article, { ...article, id: 'other-id', source: 'copy.txt' }])
    for (let i = 0; i < 5; i++) await summaries.getMany([article])
    await summaries.idle()
    const reopened = open(store)
    await reopened.ensure([article])
    await reopened.idle()
    await reopened.close()
    expect(fake.requests).toHaveLength(1)
  })

  it('counts tokens and keeps the count in the meta namespace, given two accepted replies', async () => {
    fake.setDefault({ kind: 'reply', content: 'افتتح وزير الثقافة معرض الكتاب في الرياض بمشاركة 500 دار نشر.', promptTokens: 200, completionTokens: 40 })
    await summaries.ensure([bookFair(), makeArticle({ title: 'معرض ثان', paragraphs: ['افتتح وزير الثقافة معرض الكتاب في الرياض بمشاركة 500 دار نشر من الخارج.'] })])
    await summaries.idle()
    const expected = { calls: 2, accepted: 2, rejected: 0, failed: 0, deferred: 0, promptTokens: 400, completionTokens: 80 }
    expect(summaries.usage()).toEqual(expected)
    expect(await store.ns<SummaryUsage>('meta').get('llm-usage')).toEqual(expected)
    expect(lines().filter((l) => l.msg === 'llm summary received')[0]).toMatchObject({ promptTokens: 200, completionTokens: 40, model: 'test-model' })
  })

  it('aborts calls in flight, given close() while the server is slow', async () => {
    // A reply that never comes in the test's lifetime: close() returns only because it aborts the call.
    fake.script({ kind: 'slow', ms: 600_000 })
    await summaries.ensure([bookFair()])
    await vi.waitUntil(() => fake.requests.length === 1)
    await summaries.close()
    expect(summaries.usage().calls).toBe(0)
    expect(lines().filter((l) => l.level >= 40)).toEqual([])
  })

  it('sends the newest stories first and drops the oldest from a full queue, given more articles than OPENAI_QUEUE_MAX', async () => {
    const queued = open(store, true, { concurrency: 1, queueMax: 2 })
    fake.script({ kind: 'slow', ms: 100 })
    const day = (d: number, title: string) => makeArticle({ title, publishedAt: `2026-11-${d}T08:00:00.000Z`, paragraphs: [`${title}: افتتح وزير الثقافة معرض الكتاب في الرياض بمشاركة 500 دار نشر.`] })
    await queued.ensure([day(10, 'الأول'), day(11, 'الثاني'), day(12, 'الثالث'), day(13, 'الرابع')])
    await queued.idle()
    const titles = fake.requests.map((r) => /<<<ARTICLE\n(.*)\n/.exec(r.messages[1]!.content)?.[1])
    expect(titles).toEqual(['الأول', 'الرابع', 'الثالث'])
    expect(queued.usage()).toMatchObject({ calls: 3, deferred: 1 })
    await queued.close()
  })

  it('makes a record from before whole-sentence summaries again on read, keeping its LLM decision, given a cut short summary without a digest', async () => {
    const article = bookFair()
    await store.ns('summaries').set(contentHash(article), { short: 'افتتح وزير الثقافة معرض…', long: 'افتتح…', method: 'extractive', llm: 'rejected', reason: 'old', createdAt: '2026-01-01T00:00:00.000Z' })
    const summary = await summaries.get(article)
    expect(summary).toMatchObject({ method: 'extractive', llm: 'rejected', digest: 'افتتح وزير الثقافة معرض الرياض الدولي للكتاب بمشاركة 500 دار نشر من 30 دولة.' })
    expect(summary!.short).toMatch(/شعرية\.$/)
    expect(await store.ns('summaries').get(contentHash(article))).toEqual(summary)
    await summaries.ensure([article])
    await summaries.idle()
    expect(fake.requests).toHaveLength(0)
  })

  it('makes no call, given a stub (headline and caption only)', async () => {
    await summaries.ensure([makeArticle({ title: 'عنوان فقط', kind: 'stub', paragraphs: [] })])
    await summaries.idle()
    expect(fake.requests).toHaveLength(0)
  })

  it('makes no call, given no LLM (no OPENAI_API_KEY)', async () => {
    const offline = open(store, false)
    const article = bookFair()
    await offline.ensure([article])
    await offline.idle()
    expect(await offline.get(article)).toMatchObject({ method: 'extractive' })
    expect(fake.requests).toHaveLength(0)
  })
})

describe('createCore summaries', () => {
  it('summarises each ingested article once through the configured server, given OPENAI_API_KEY and OPENAI_BASE_URL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'khulasa-summaries-'))
    const file = join(dir, 'seed.txt')
    writeFileSync(file, seedText())
    fake.setDefault({ kind: 'reply', content: 'Not Arabic at all.' })
    const core = await testCore({ OPENAI_API_KEY: 'sk-core-test', OPENAI_BASE_URL: fake.baseURL, OPENAI_MODEL: 'core-model' })
    try {
      await core.ingester.ingestFile(file)
      await core.summaries.idle()
      const full = [...core.articles.all()].filter((a) => a.kind === 'full')
      expect(full.length).toBeGreaterThan(0)
      expect(fake.requests.length).toBe(full.length)
      expect(fake.requests.every((r) => r.model === 'core-model')).toBe(true)
      expect((await core.summaries.getMany(full)).every((s) => s?.method === 'extractive' && s.llm === 'rejected')).toBe(true)
      await core.ingester.ingestFile(file)
      await core.summaries.idle()
      expect(fake.requests.length).toBe(full.length)
    }
    finally {
      await core.close()
    }
  })
})
