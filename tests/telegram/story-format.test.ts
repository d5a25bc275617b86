import { describe, expect, it } from 'vitest'
import { messagesFor } from '../../src/i18n/messages.js'
import { formatStory, listedHeadline, storyButton, storyHeadline, storyMeta, storyMetaHtml, titleHtml } from '../../src/telegram/story-format.js'
import { safe } from '../../src/telegram/format.js'
import type { Reader } from '../../src/telegram/reader.js'
import { makeArticle } from '../helpers/core.js'

const ar = messagesFor('ar')
const en = messagesFor('en')
const reader = (timeZone: string, t = ar): Reader => ({ t, now: new Date('2026-11-29T09:00:00Z'), timeZone })

describe('story rendering, kept per story', () => {
  it('renders what it rendered before it was kept, given a headline with HTML characters and a Latin name, in either language', () => {
    const article = makeArticle({ title: 'قمة <G20> في "روما" & MBC', section: 'سياسة', publishedAt: '2026-03-01T10:00:00Z' })
    for (const r of [reader('Asia/Riyadh'), reader('UTC', en)]) {
      const expected = [storyHeadline(article.title, r.t, 2), safe('خلاصة الخبر'), `<i>${safe(storyMeta(article, r.t, r))}</i>`].join('\n')
      expect(formatStory(article, 'خلاصة الخبر', r, 2)).toBe(expected)
      // Asked again: the same text, from what was kept.
      expect(formatStory(article, 'خلاصة الخبر', r, 2)).toBe(expected)
      expect(listedHeadline(article, r.t, 3)).toBe(storyHeadline(article.title, r.t, 3))
    }
    expect(titleHtml(article)).toBe(safe(article.title))
  })

  it('shows the new summary, given the story\'s summary replaced (an LLM summary after the offline one)', () => {
    const article = makeArticle({ title: 'خبر' })
    expect(formatStory(article, 'الخلاصة الأولى', reader('UTC'))).toContain('الخلاصة الأولى')
    const next = formatStory(article, 'خلاصة أفضل', reader('UTC'))
    expect(next).toContain('خلاصة أفضل')
    expect(next).not.toContain('الخلاصة الأولى')
    expect(formatStory(article, undefined, reader('UTC'))).toContain(ar.latest.noSummary)
  })

  it('dates the story in each reader\'s zone, given a profile that changes its zone', () => {
    // 22:30 UTC on 1 March is already 2 March in Riyadh.
    const article = makeArticle({ title: 'خبر', publishedAt: '2026-03-01T22:30:00Z' })
    const utc = storyMetaHtml(article, reader('UTC'))
    const riyadh = storyMetaHtml(article, reader('Asia/Riyadh'))
    expect(utc).toContain('1 مارس')
    expect(riyadh).toContain('2 مارس')
    expect(storyMetaHtml(article, reader('UTC'))).toBe(utc)
  })

  it('shows the edited headline, section and button, given the catalogue replacing a story with a new version', () => {
    const first = makeArticle({ title: 'العنوان الأول', section: 'اقتصاد' })
    const edited = { ...first, title: 'العنوان بعد التعديل', section: 'رياضة' }
    expect(formatStory(first, 'خلاصة', reader('UTC'))).toContain('العنوان الأول')
    expect(storyButton(first, 1).text).toBe('1 · العنوان الأول')
    const shown = formatStory(edited, 'خلاصة', reader('UTC'))
    expect(shown).toContain('العنوان بعد التعديل')
    expect(shown).toContain('رياضة')
    expect(shown).not.toContain('اقتصاد')
    expect(storyButton(edited, 1)).toEqual({ text: '1 · العنوان بعد التعديل', callback_data: `art:${first.id}` })
  })

  it('dates a story as formatting it afresh would, given replies every 35 minutes across New Year in zones a quarter hour apart', () => {
    const article = makeArticle({ title: 'خبر', publishedAt: '2025-12-20T10:00:00Z' })
    const zones = ['UTC', 'Asia/Kathmandu', 'Pacific/Kiritimati', 'America/St_Johns']
    for (let at = Date.parse('2025-12-30T00:00:00Z'); at < Date.parse('2026-01-02T00:00:00Z'); at += 35 * 60_000) {
      for (const timeZone of zones) {
        const r: Reader = { t: ar, now: new Date(at), timeZone }
        expect(storyMetaHtml(article, r)).toBe(safe(storyMeta(article, ar, r)))
      }
    }
    // The year appears once New Year has come in the reader's zone, not before.
    expect(storyMetaHtml(article, { t: ar, now: new Date('2025-12-31T10:15:00Z'), timeZone: 'Pacific/Kiritimati' })).toContain('2025')
    expect(storyMetaHtml(article, { t: ar, now: new Date('2025-12-31T10:15:00Z'), timeZone: 'UTC' })).not.toContain('2025')
  })
})
