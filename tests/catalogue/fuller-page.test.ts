import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../src/core.js'
import { testCore } from '../helpers/core.js'
import { pageText } from '../helpers/seed.js'

let core: Core
afterEach(async () => { await core.close() })

const TITLE = 'أدنوك تفتتح 48 محطة وقود جديدة في الإمارات'
const FULL = [
  'أعلنت شركة أدنوك للتوزيع افتتاح 48 محطة وقود جديدة في أبوظبي ودبي والشارقة خلال العام الحالي.',
  'وقالت الشركة في بيان إن المحطات الجديدة تضم متاجر وخدمات لغسل السيارات.',
  'وتسعى الشركة إلى التوسع في السعودية ومصر خلال العامين المقبلين.',
]

describe('a seed page written in two steps', () => {
  it('replaces the cut-off text with the fuller one and summarises it again, given the page then its complete version', async () => {
    core = await testCore()
    const dir = mkdtempSync(join(tmpdir(), 'khulasa-fuller-'))
    const file = join(dir, 'page.txt')
    // The first read catches the file half-written: one paragraph and the start of the next.
    writeFileSync(file, pageText({ title: TITLE, body: [FULL[0]!, 'وقالت الشركة في بيان إن المحط'] }))
    await core.ingester.ingestFile(file)
    const [cut] = core.articles.latest(1)
    expect(cut!.paragraphs.at(-1)).toBe('وقالت الشركة في بيان إن المحط')

    writeFileSync(file, pageText({ title: TITLE, body: FULL }))
    const report = await core.ingester.ingestFile(file)
    expect(report).toMatchObject({ updated: 1, added: 0 })
    const [full] = core.articles.latest(1)
    expect(full!.id).toBe(cut!.id)
    expect(full!.paragraphs).toEqual(FULL)
    const summary = await core.summaries.get(full!)
    expect(summary?.long).toContain('48 محطة')
    expect(summary?.long).not.toContain('المحط\n')
  })

  it('keeps the stored text, given an older, shorter copy of the same page later', async () => {
    core = await testCore()
    const dir = mkdtempSync(join(tmpdir(), 'khulasa-fuller-'))
    writeFileSync(join(dir, 'a.txt'), pageText({ title: TITLE, body: FULL }))
    await core.ingester.ingestFile(join(dir, 'a.txt'))
    writeFileSync(join(dir, 'b.txt'), pageText({ title: TITLE, body: FULL.slice(0, 2) }))
    await core.ingester.ingestFile(join(dir, 'b.txt'))
    expect(core.articles.count()).toBe(1)
    expect(core.articles.latest(1)[0]!.paragraphs).toEqual(FULL)
  })
})
