import { mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../../src/core.js'
import { captureLogger, testCore, type LogLine } from '../helpers/core.js'
import { pageText, seedText } from '../helpers/seed.js'

let dir: string
let core: Core
let lines: () => LogLine[]

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'khulasa-ingest-'))
  const capture = captureLogger()
  lines = capture.lines
  core = await testCore({ SEED_MAX_MB: '1' }, capture.logger)
})
afterEach(() => core.close())

const write = (name: string, data: string | Uint8Array) => {
  const file = join(dir, name)
  writeFileSync(file, data)
  return file
}
const warnings = () => lines().filter((l) => l.level >= 40).map((l) => l.msg)

describe('ingester', () => {
  it('stores 7 articles with summaries, given the seed page', async () => {
    const report = await core.ingester.ingestFile(write('seed.txt', seedText()))
    expect(report).toMatchObject({ added: 7, updated: 0, problems: 0 })
    const first = core.articles.latest(1)[0]!
    expect(first.title).toMatch(/^لوكاشينكو/)
    expect((await core.summaries.get(first))?.short).toMatch(/^أشاد وزير الدفاع الصيني/)
  })

  it('adds nothing, given the same file twice', async () => {
    const file = write('seed.txt', seedText())
    await core.ingester.ingestFile(file)
    const again = await core.ingester.ingestFile(file)
    const copy = await core.ingester.ingestFile(write('copy.txt', seedText()))
    expect(again.added + again.updated).toBe(0)
    expect(copy.added + copy.updated).toBe(0)
    expect(core.articles.count()).toBe(7)
  })

  it('upgrades a stub to a full article, given its full page later', async () => {
    await core.ingester.ingestFile(write('seed.txt', seedText()))
    const stubTitle = 'بوتين يقوم بزيارة لأذربيجان'
    const before = [...core.articles.all()].find((a) => a.title === stubTitle)!
    expect(before.kind).toBe('stub')
    await core.ingester.ingestFile(write('full.txt', pageText({ title: stubTitle, body: ['وصل الرئيس الروسي إلى باكو.', 'وبحث الرئيسان التعاون.'] })))
    const after = core.articles.get(before.id)!
    expect(after).toMatchObject({ kind: 'full', section: 'أوروبا', city: 'موسكو' })
    expect(after.paragraphs).toHaveLength(2)
    expect(core.articles.count()).toBe(7)
  })

  it('skips the file with one clear line, given an empty, binary or non-UTF-8 file', async () => {
    const reports = [
      await core.ingester.ingestFile(write('empty.txt', '')),
      await core.ingester.ingestFile(write('binary.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]))),
      await core.ingester.ingestFile(write('latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]))),
    ]
    expect(reports.map((r) => r.added)).toEqual([0, 0, 0])
    expect(warnings()).toEqual([
      expect.stringMatching(/empty\.txt: no articles found \(empty file\)$/),
      expect.stringMatching(/binary\.txt: binary file \(contains NUL bytes\); file skipped$/),
      expect.stringMatching(/latin1\.txt: not UTF-8 text; file skipped$/),
    ])
  })

  it('skips an oversize file and keeps what is stored, given a file over SEED_MAX_MB', async () => {
    await core.ingester.ingestFile(write('seed.txt', seedText()))
    const big = write('big.txt', 'ا'.repeat(600_000))
    const report = await core.ingester.ingestFile(big)
    expect(report.added).toBe(0)
    expect(warnings().at(-1)).toMatch(/big\.txt: 1\.2 MB is over the 1 MB limit \(SEED_MAX_MB\); file skipped/)
    expect(core.articles.count()).toBe(7)
  })

  it('keeps every good record and names the bad line, given JSONL with a broken line', async () => {
    const records = [
      { id: '1', title: 'خبر أول', text: 'نص الخبر الأول.', author: 'لندن: كاتب', collected: '2015-07-21 02:51:32', source: 'aawsat' },
      '{"title": "مقطوع", "text": ',
      { id: '3', title: 'خبر ثالث', text: 'نص الخبر الثالث.' },
      { id: '4', text: 'بلا عنوان' },
    ]
    const body = records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n')
    const report = await core.ingester.ingestFile(write('corpus.jsonl.gz', gzipSync(body)))
    expect(report).toMatchObject({ added: 2, skipped: 2 })
    expect(warnings()).toEqual([
      expect.stringMatching(/corpus\.jsonl\.gz:2: not valid JSON; line skipped$/),
      expect.stringMatching(/corpus\.jsonl\.gz:4: record has no title; line skipped$/),
    ])
    const first = [...core.articles.all()].find((a) => a.title === 'خبر أول')!
    expect(first).toMatchObject({ city: 'لندن', author: 'كاتب', publishedAt: '2015-07-21T02:51:32.000Z', source: 'aawsat' })
  })

  it('keeps two stories apart, given two different texts under one recurring headline', async () => {
    const rows = [
      { title: 'موجز أخبار', text: 'افتتح وزير النقل طريقاً جديداً يربط المدينتين.', url: 'https://example.com/1' },
      { title: 'موجز أخبار', text: 'فاز المنتخب الوطني في المباراة النهائية للبطولة.', url: 'https://example.com/2' },
      { title: 'موجز أخبار', text: 'افتتح وزير النقل طريقاً جديداً يربط المدينتين.', url: 'https://example.com/1' },
    ]
    const report = await core.ingester.ingestFile(write('briefs.jsonl', rows.map((r) => JSON.stringify(r)).join('\n')))
    expect(report).toMatchObject({ added: 2, unchanged: 1 })
  })

  it('ingests it whole, given a 50 MB seed-format file', async () => {
    const big = await testCore({ SEED_MAX_MB: '64' })
    try {
      const pages = Array.from({ length: 260 }, (_, i) => pageText({ title: `خبر طويل رقم ${i}`, body: Array.from({ length: 60 }, (_, j) => `الفقرة ${j} من الخبر ${i}: ${'كلام '.repeat(400)}.`) }))
      const file = write('fifty.txt', pages.join('\n'))
      expect(statSync(file).size).toBeGreaterThan(50e6)
      const report = await big.ingester.ingestFile(file)
      expect(report).toMatchObject({ added: 260, problems: 0 })
      expect(big.articles.latest(1)[0]!.paragraphs).toHaveLength(60)
    }
    finally {
      await big.close()
    }
  }, 90_000)

  it('picks up a file dropped into the watched folder, given the bot is running', async () => {
    const stop = core.ingester.watchDir(dir, 50)
    try {
      write('dropped.txt', seedText())
      await expect.poll(() => core.articles.count(), { timeout: 10_000 }).toBe(7)
    }
    finally {
      stop()
    }
  })
})
