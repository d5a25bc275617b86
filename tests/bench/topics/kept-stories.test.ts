import { describe, expect, it } from 'vitest'
import { keptStories } from '../../../bench/lib/topics/kept-stories.js'
import { shownLabels } from '../../../bench/lib/topics/shown-labels.js'
import { CATEGORIES } from '../../../src/search/categories.js'
import { SHOW_ALL } from '../../../bench/lib/topics/calibrate.js'

const text = 'أعلنت الحكومة اليوم عن خطة جديدة لدعم الاقتصاد الوطني وتشجيع الاستثمار في القطاعات الصناعية والزراعية خلال العام المقبل'
const other = 'فاز الفريق الوطني لكرة القدم على منافسه بثلاثة أهداف مقابل هدف في المباراة التي أقيمت مساء أمس على الملعب الدولي'

describe('keptStories', () => {
  it('keeps a story filed in two feeds once, holding both records, as the catalogue does', async () => {
    const records = [
      { title: 'خطة حكومية جديدة لدعم الاقتصاد', text, url: 'https://example.com/a', category: 'internationalNews' },
      { title: 'فوز كبير للفريق الوطني', text: other, url: 'https://example.com/b', category: 'sport' },
      // The same story again under another feed: the same headline (one space more) and link.
      { title: 'خطة حكومية جديدة  لدعم الاقتصاد', text, url: 'https://example.com/a', category: 'economy' },
    ]
    const kept = await keptStories(records)
    expect(kept.map((s) => s.records)).toEqual([[0, 2], [1]])
    expect(kept[0]!.title).toBe('خطة حكومية جديدة لدعم الاقتصاد')
  })

  it('keeps two stories apart when only their headlines agree (other link, other opening words)', async () => {
    const records = [
      { title: 'موجز الأخبار', text, url: 'https://example.com/1' },
      { title: 'موجز الأخبار', text: other, url: 'https://example.com/2' },
    ]
    expect((await keptStories(records)).map((s) => s.records)).toEqual([[0], [1]])
  })

  it('leaves out a record that is no article (no text)', async () => {
    expect(await keptStories([{ title: 'عنوان بلا نص' }])).toEqual([])
  })
})

describe('shownLabels', () => {
  const sport = CATEGORIES.indexOf('sport')
  const p = CATEGORIES.map((_, c) => (c === sport ? 0.9 : 0.1 / (CATEGORIES.length - 1)))
  it('counts a label right as filed when the outlet filed the story under it too, and not otherwise', () => {
    const shown = shownLabels([{ p, gold: 'internationalNews', filed: ['internationalNews', 'sport'] }, { p, gold: 'economy' }], SHOW_ALL)
    expect(shown).toMatchObject({ precision: 0, precisionAsFiled: 0.5, coverage: 1 })
  })
})
