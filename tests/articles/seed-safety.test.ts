import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parsePage } from '../../src/articles/parse-page.js'
import type { Core } from '../../src/core.js'
import { captureLogger, testCore, type LogLine } from '../helpers/core.js'
import { pageText, seedText } from '../helpers/seed.js'

let dir: string
let outside: string
let core: Core
let lines: () => LogLine[]
let logText: () => string
let stopWatching = () => {}

// What a link into the system would show if it were followed: a valid page, so it would be ingested.
const SECRET = 'root:x:0:0:root:/root:/bin/bash'
const secretPage = pageText({ title: `ملف داخلي ${SECRET}`, body: [`${SECRET} سطر لا يجوز أن يظهر لأحد.`] })

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'khulasa-seeds-'))
  outside = mkdtempSync(join(tmpdir(), 'khulasa-outside-'))
  writeFileSync(join(outside, 'passwd'), secretPage)
  const capture = captureLogger()
  lines = capture.lines
  logText = capture.text
  core = await testCore({ SEED_MAX_MB: '1', SEED_MAX_LINE_KB: '64' }, capture.logger)
})
afterEach(async () => {
  stopWatching()
  stopWatching = () => {}
  await core.close()
})

const write = (name: string, data: string) => writeFileSync(join(dir, name), data)
// Lines an operator sees at the default level (info and above) that name the file.
const about = (name: string) => lines().filter((l) => l.level >= 30 && l.msg.includes(name))
const storedText = () => [...core.articles.all()].map((a) => [a.title, ...a.paragraphs, a.caption ?? ''].join('\n')).join('\n')

function expectNothingOfTheTarget() {
  expect(storedText()).not.toContain('root:x:0:0')
  expect(logText()).not.toContain('root:x:0:0')
}

describe('seeds folder', () => {
  it('would ingest the link target as a page, given its text: the fixture below is a real threat', () => {
    expect(parsePage(secretPage, { source: 'passwd', seenAt: '2026-11-29T09:00:00Z' }).articles).toHaveLength(1)
  })

  it('follows no symbolic link, names each in one line and ingests the rest, given links at start-up', async () => {
    write('seed.txt', seedText())
    symlinkSync(join(outside, 'passwd'), join(dir, 'passwd.txt'))
    symlinkSync(outside, join(dir, 'folder-link'))
    const reports = await core.ingester.ingestDir(dir)
    expect(core.articles.count()).toBe(7)
    expectNothingOfTheTarget()
    for (const name of ['passwd.txt', 'folder-link']) {
      expect(about(name)).toEqual([expect.objectContaining({ level: 40, msg: expect.stringMatching(/: a symbolic link; not followed/) })])
    }
    expect(reports.map((r) => [r.file.slice(dir.length + 1), r.added, r.problems])).toEqual([['folder-link', 0, 1], ['passwd.txt', 0, 1], ['seed.txt', 7, 0]])
  })

  it('follows no symbolic link and names it in one line, given a link dropped into the watched folder', async () => {
    stopWatching = core.ingester.watchDir(dir, 50)
    symlinkSync(join(outside, 'passwd'), join(dir, 'passwd.txt'))
    write('seed.txt', seedText())
    await expect.poll(() => core.articles.count(), { timeout: 10_000 }).toBe(7)
    await expect.poll(() => about('passwd.txt').length, { timeout: 10_000 }).toBe(1)
    expect(about('passwd.txt')[0]).toMatchObject({ level: 40, msg: expect.stringMatching(/passwd\.txt: a symbolic link; not followed/) })
    expectNothingOfTheTarget()
  })

  it('refuses the link when it opens the file, given a file swapped for a link after it was seen', async () => {
    write('page.txt', pageText({ title: 'خبر عادي', body: ['نص عادي.'] }))
    // The listing saw a regular file; by the time it is opened, it is a link.
    rmSync(join(dir, 'page.txt'))
    symlinkSync(join(outside, 'passwd'), join(dir, 'page.txt'))
    const report = await core.ingester.ingestFile(join(dir, 'page.txt'))
    expect(report).toMatchObject({ added: 0, problems: 1 })
    expect(about('page.txt')).toHaveLength(1)
    expectNothingOfTheTarget()
  })

  it('follows a link the operator names on the command line, given npm run ingest', async () => {
    symlinkSync(join(outside, 'passwd'), join(dir, 'mine.txt'))
    const report = await core.ingester.ingestFile(join(dir, 'mine.txt'), { fromCommandLine: true })
    expect(report.added).toBe(1)
  })

  it('refuses a page with a line over SEED_MAX_LINE_KB in one line and ingests the rest, given a long-line file', async () => {
    write('seed.txt', seedText())
    write('long.txt', pageText({ title: 'صفحة بسطر طويل', body: ['فقرة أولى.', 'ك'.repeat(40_000), 'فقرة ثالثة.'] }))
    await core.ingester.ingestDir(dir)
    expect(core.articles.count()).toBe(7)
    expect(about('long.txt')).toEqual([expect.objectContaining({ level: 40, msg: expect.stringMatching(/long\.txt: line 14 is longer than 64 KB \(SEED_MAX_LINE_KB\); file skipped$/) })])
  })

  it('skips only the long line and keeps every other record, given JSONL with a line over SEED_MAX_LINE_KB', async () => {
    const rows = [
      JSON.stringify({ title: 'خبر أول', text: 'نص الخبر الأول.' }),
      JSON.stringify({ title: 'خبر طويل', text: 'ك'.repeat(40_000) }),
      JSON.stringify({ title: 'خبر ثالث', text: 'نص الخبر الثالث.' }),
    ]
    write('corpus.jsonl', rows.join('\n'))
    const [report] = await core.ingester.ingestDir(dir)
    expect(report).toMatchObject({ added: 2, skipped: 1 })
    expect(lines().filter((l) => l.level >= 40).map((l) => l.msg)).toEqual([expect.stringMatching(/corpus\.jsonl:2: longer than 64 KB \(SEED_MAX_LINE_KB\); line skipped$/)])
  })

  it('refuses a file over SEED_MAX_MB in one line and ingests the rest, given an oversized page and an oversized JSONL in the folder', async () => {
    write('seed.txt', seedText())
    write('big.txt', `${'كلام كثير\n'.repeat(120_000)}`)
    write('big.jsonl', `${JSON.stringify({ title: 'خبر', text: 'نص.' })}\n`.repeat(40_000))
    await core.ingester.ingestDir(dir)
    expect(core.articles.count()).toBe(7)
    expect(about('big.txt')).toEqual([expect.objectContaining({ level: 40, msg: expect.stringMatching(/big\.txt: 2\.2 MB is over the 1 MB limit \(SEED_MAX_MB\); file skipped$/) })])
    expect(about('big.jsonl')).toEqual([expect.objectContaining({ level: 40, msg: expect.stringMatching(/big\.jsonl: 1\.4 MB is over the 1 MB limit \(SEED_MAX_MB\); file skipped/) })])
  })
})
