import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createClock } from '../../src/clock.js'
import { pageText, seedText } from '../helpers/seed.js'
import { setup, subscribe, tickAndDrain } from './digests-harness.js'

describe('the fast demo clock (DIGEST_CLOCK_SPEED=60)', () => {
  it('puts a story dropped into seeds/ after the first digest into the second, given one clock for ingest and digests', async () => {
    // The clock's real-time source is a number the test moves: a simulated day is 24 real minutes.
    let real = Date.parse('2026-11-29T04:58:00Z')
    const clock = createClock(60, () => real)
    const advanceReal = (ms: number) => { real += ms }
    const { core, digests, queue, sent } = await setup({ clock })
    const seeds = mkdtempSync(join(tmpdir(), 'khulasa-fast-clock-'))
    writeFileSync(join(seeds, 'first.txt'), seedText())
    await core.ingester.ingestDir(seeds)
    await subscribe(core, 1, '08:00', 'Asia/Riyadh')

    advanceReal(2_000)
    expect(clock.now().toISOString()).toBe('2026-11-29T05:00:00.000Z')
    await tickAndDrain(digests, queue, clock.now())
    const first = sent.splice(0).map((s) => s.text).join('\n')
    expect(first).toContain('لوكاشينكو')

    advanceReal(60_000)
    writeFileSync(join(seeds, 'later.txt'), pageText({
      title: 'افتتاح معرض الكتاب في الرياض بمشاركة ألف دار نشر',
      body: ['افتتح معرض الرياض الدولي للكتاب أبوابه أمس بمشاركة ألف دار نشر من ثلاثين دولة.', 'ويستمر المعرض عشرة أيام.'],
    }))
    await core.ingester.ingestDir(seeds)

    advanceReal(23 * 60_000)
    expect(clock.now().toISOString()).toBe('2026-11-30T05:00:00.000Z')
    await tickAndDrain(digests, queue, clock.now())
    const second = sent.splice(0).map((s) => s.text).join('\n')
    expect(second).toContain('افتتاح معرض الكتاب في الرياض')
    expect(second).not.toContain('لوكاشينكو')
  })
})
