import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Article } from '../../src/articles/types.js'
import type { Core } from '../../src/core.js'
import { captureLogger, testCore, type LogLine } from '../helpers/core.js'
import { pageText } from '../helpers/seed.js'

let dir: string
let core: Core
let lines: () => LogLine[]
let stop = () => {}
/** Every version of a story the catalogue ever stored, in order. */
let versions: Article[]

const TITLE = 'أدنوك تفتتح 48 محطة وقود جديدة في الإمارات'
const FULL = [
  'أعلنت شركة أدنوك للتوزيع افتتاح 48 محطة وقود جديدة في أبوظبي ودبي والشارقة خلال العام الحالي.',
  'وقالت الشركة في بيان إن المحطات الجديدة تضم متاجر وخدمات لغسل السيارات.',
  'وتسعى الشركة إلى التوسع في السعودية ومصر خلال العامين المقبلين.',
]
const whole = pageText({ title: TITLE, body: FULL })
// A writer caught mid-way: one paragraph and the start of the next.
const firstStep = whole.slice(0, whole.indexOf('المحطات الجديدة') + 'المحط'.length)

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'khulasa-watch-'))
  const capture = captureLogger()
  lines = capture.lines
  core = await testCore({}, capture.logger)
  versions = []
  core.articles.onChange((changed) => versions.push(...changed))
})
afterEach(async () => {
  stop()
  await core.close()
})

describe('seeds watcher', () => {
  it('reads a file only once it has stopped growing, given a page written in two steps', async () => {
    stop = core.ingester.watchDir(dir, 300)
    const file = join(dir, 'page.txt')
    writeFileSync(file, firstStep)
    // The watcher has looked once and waits for a second look that agrees; the writer goes on meanwhile.
    await expect.poll(() => lines().some((l) => l.msg === `${file}: ${Buffer.byteLength(firstStep)} bytes; read once it stops changing`), { timeout: 10_000, interval: 10 }).toBe(true)
    appendFileSync(file, whole.slice(firstStep.length))
    await expect.poll(() => core.articles.count(), { timeout: 10_000 }).toBe(1)
    expect(versions.map((a) => a.paragraphs)).toEqual([FULL])
  })

  it('replaces the cut-off text with the fuller one and summarises it again, given a page read half-written and then completed', async () => {
    stop = core.ingester.watchDir(dir, 50)
    const file = join(dir, 'page.txt')
    // A writer that stalled long enough for the first half to be read as it stood.
    writeFileSync(file, firstStep)
    await expect.poll(() => core.articles.count(), { timeout: 10_000 }).toBe(1)
    expect(core.articles.latest(1)[0]!.paragraphs.at(-1)).toBe('وقالت الشركة في بيان إن المحط')
    appendFileSync(file, whole.slice(firstStep.length))
    await expect.poll(() => core.articles.latest(1)[0]!.paragraphs, { timeout: 10_000 }).toEqual(FULL)
    expect(core.articles.count()).toBe(1)
    const summary = await core.summaries.get(core.articles.latest(1)[0]!)
    expect(summary?.long).toContain('متاجر وخدمات لغسل السيارات')
  })

  it('reads a file again when it changes later, given the same page with a paragraph added', async () => {
    stop = core.ingester.watchDir(dir, 50)
    writeFileSync(join(dir, 'page.txt'), pageText({ title: TITLE, body: FULL.slice(0, 2) }))
    await expect.poll(() => core.articles.count(), { timeout: 10_000 }).toBe(1)
    writeFileSync(join(dir, 'page.txt'), whole)
    await expect.poll(() => core.articles.latest(1)[0]!.paragraphs, { timeout: 10_000 }).toEqual(FULL)
    expect(versions.map((a) => a.paragraphs.length)).toEqual([2, 3])
  })
})
