import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { createArticleStore } from '../../src/articles/article-store.js'
import type { Article } from '../../src/articles/types.js'
import type { Core } from '../../src/core.js'
import { createStore } from '../../src/storage/create-store.js'
import { contentHash, type Summary } from '../../src/summarize/summary-store.js'
import { captureLogger, makeArticle, testCore } from '../helpers/core.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const cores: Core[] = []
afterEach(async () => { for (const core of cores.splice(0)) await core.close() })

const folder = () => mkdtempSync(join(tmpdir(), 'khulasa-interrupted-'))

/** Records distinct in title and text, so each is its own story. */
function corpus(count: number): string {
  return Array.from({ length: count }, (_, i) => JSON.stringify({
    title: `وزارة النقل تفتتح الطريق رقم ${i} بين المدينتين`,
    text: `افتتح وزير النقل اليوم الطريق رقم ${i} الذي يربط المدينتين بطول ${i % 90 + 10} كيلومترا. وقال الوزير إن الطريق يختصر زمن الرحلة إلى النصف. ويأتي المشروع ضمن خطة لتحديث شبكة الطرق في البلاد.`,
    published: '2026-11-20T08:00:00Z',
    source: 'synthetic',
  })).join('\n')
}

/** Stored articles whose summary is missing, read straight from the store. */
async function withoutSummary(storageUrl: string): Promise<{ stored: number, missing: number }> {
  const store = await createStore(storageUrl)
  try {
    const articles: Article[] = []
    for await (const [, article] of store.entries<Article>('articles')) articles.push(article)
    const found = await store.ns<Summary>('summaries').getMany(articles.map(contentHash))
    return { stored: articles.length, missing: found.filter((s) => s === undefined).length }
  }
  finally {
    await store.close()
  }
}

async function open(env: Record<string, string>) {
  const capture = captureLogger()
  const core = await testCore(env, capture.logger)
  cores.push(core)
  return { core, lines: capture.lines }
}

describe('an interrupted ingest', () => {
  it('stops after the batch in hand with one line saying where, and leaves no article without a summary, given SIGTERM during npm run ingest', async () => {
    const dir = folder()
    const storageUrl = `sqlite://${join(dir, 'store.sqlite')}`
    const file = join(dir, 'corpus.jsonl')
    writeFileSync(file, corpus(20_000))
    // node --import tsx, not the tsx launcher: the signal must reach the process that ingests.
    const cli = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/articles/ingest-cli.ts'), file], {
      cwd: root,
      env: { PATH: process.env.PATH!, HOME: process.env.HOME!, STORAGE_URL: storageUrl, LOG_LEVEL: 'warn', ARTICLE_RETENTION_DAYS: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    cli.stdout.on('data', (chunk: Buffer) => { stdout += chunk })
    cli.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk
      // The first progress line: a batch is stored and the next is being read.
      if (/corpus\.jsonl: \d+% · \d+ lines/.test(stderr) && !cli.killed) cli.kill('SIGTERM')
    })
    const code = await new Promise((resolve) => cli.on('exit', resolve))

    expect(code).toBe(143)
    const stopped = stdout.trim().split('\n')
    expect(stopped).toEqual([expect.stringMatching(/^stopped by SIGTERM in .*corpus\.jsonl after line \d+: \d+ record\(s\) done \(\d+ new, 0 updated, 0 unchanged, 0 skipped\), each stored with its summary; running the same command again adds the rest$/)])
    const [, line, done, added] = /after line (\d+): (\d+) record\(s\) done \((\d+) new/.exec(stopped[0]!)!.map(Number)
    expect(done).toBe(line)
    expect(done).toBeLessThan(20_000)

    // What the CLI left, read straight from the store: every story it wrote has its summary.
    expect(await withoutSummary(storageUrl)).toEqual({ stored: added, missing: 0 })
    // And a start-up on that store finds nothing to fill in.
    const { core, lines } = await open({ STORAGE_URL: storageUrl })
    expect(core.articles.count()).toBe(added)
    await expect.poll(() => lines().find((l) => l.msg.startsWith('summaries: '))?.msg, { timeout: 10_000 }).toBe(`summaries: 0 missing of ${added} stored stories filled in`)
    expect((await core.summaries.getMany([...core.articles.all()])).filter((s) => s === undefined)).toEqual([])
  }, 60_000)
})

describe('missing summaries', () => {
  it('are filled in by a background pass at start-up with one log line, given articles stored without a summary', async () => {
    const dir = folder()
    const storageUrl = `sqlite://${join(dir, 'store.sqlite')}`
    // What an ingest killed between its write and its summaries leaves behind.
    const store = await createStore(storageUrl)
    const written = [1, 2, 3].map((i) => makeArticle({ title: `خبر بلا خلاصة رقم ${i}`, paragraphs: [`نص الخبر رقم ${i}: أعلنت الوزارة اليوم خطة جديدة للنقل.`] }))
    await createArticleStore({ store }).upsert(written)
    await store.close()
    expect(await withoutSummary(storageUrl)).toEqual({ stored: 3, missing: 3 })

    const { core, lines } = await open({ STORAGE_URL: storageUrl })
    await expect.poll(() => lines().find((l) => l.msg.startsWith('summaries: '))).toMatchObject({ level: 30, msg: 'summaries: 3 missing of 3 stored stories filled in' })
    const summaries = await core.summaries.getMany([...core.articles.all()])
    expect(summaries.map((s) => s?.short)).toEqual(expect.arrayContaining([expect.stringMatching(/^نص الخبر رقم 1: أعلنت الوزارة/)]))
    expect(summaries.every((s) => s !== undefined)).toBe(true)
  })

  it('are filled in when the same file is ingested again, given stored articles whose summaries were lost', async () => {
    const dir = folder()
    const storageUrl = `sqlite://${join(dir, 'store.sqlite')}`
    const { core } = await open({ STORAGE_URL: storageUrl })
    const file = join(dir, 'corpus.jsonl')
    writeFileSync(file, corpus(30))
    expect(await core.ingester.ingestFile(file)).toMatchObject({ added: 30 })
    // Lose a third of them, as a run stopped between its write and its summaries would.
    const lost = [...core.articles.all()].slice(0, 10)
    const stored = core.store.ns<Summary>('summaries')
    await stored.deleteMany(lost.map(contentHash))
    expect((await stored.getMany(lost.map(contentHash))).filter((s) => s === undefined)).toHaveLength(10)

    expect(await core.ingester.ingestFile(file)).toMatchObject({ added: 0, updated: 0, unchanged: 30 })
    expect((await stored.getMany(lost.map(contentHash))).every((s) => s?.short !== undefined)).toBe(true)
  })
})
