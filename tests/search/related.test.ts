import { describe, expect, it } from 'vitest'
import type { Article } from '../../src/articles/types.js'
import { createRelatedFinder, similarStories } from '../../src/search/related.js'
import { createSearchIndex } from '../../src/search/search-index.js'
import { makeArticle } from '../helpers/core.js'
import { searchFixtures } from './fixtures.js'

const day = (n: number) => new Date(Date.UTC(2026, 10, 1 + n)).toISOString()

function finder(articles: Article[]) {
  const byId = new Map(articles.map((a) => [a.id, a]))
  const index = createSearchIndex()
  index.add(articles)
  return createRelatedFinder({ articles: { get: (id) => byId.get(id) }, index })
}

describe('createRelatedFinder', () => {
  it('puts the publisher links first, then similar stories', () => {
    const f = searchFixtures()
    const source = { ...f.russiaA!, related: [f.oilA!.id] }
    const list = finder([...Object.values(f).filter((a) => a.id !== source.id), source]).get(source.id)!
    expect(list.items[0]).toEqual({ id: f.oilA!.id, fromPublisher: true, outlets: 1, similar: 0 })
    expect(list.items.slice(1).map((i) => i.id)).toContain(f.russiaB!.id)
    expect(list.items.every((i) => i.id !== source.id)).toBe(true)
  })

  it('prefers the story close in time, given a two-year-old story with the same words', () => {
    const f = searchFixtures()
    const ids = finder(Object.values(f)).get(f.russiaA!.id)!.items.map((i) => i.id)
    expect(ids.indexOf(f.russiaB!.id)).toBeGreaterThanOrEqual(0)
    expect(ids.indexOf(f.russiaB!.id)).toBeLessThan(ids.indexOf(f.russiaOld!.id) === -1 ? Infinity : ids.indexOf(f.russiaOld!.id))
  })

  it('finds a short story on the subject a long story names only late in its body, given the same day', () => {
    const f = searchFixtures()
    const source = makeArticle({
      title: 'لوكاشينكو يستقبل شانغ فو في مينسك ويشيد بالشراكة مع بكين',
      paragraphs: [
        'استقبل الرئيس البيلاروسي ألكسندر لوكاشينكو وزير الدفاع الصيني لي شانغ فو في مينسك وأشاد بخطط بكين ومينسك.',
        'وذكرت وكالة بيلتا أن لوكاشينكو وشانغ فو بحثا تدريبات مشتركة واتفاقات وقعها الرئيسان في بكين أوائل العام.',
        'وأضاف أن بلاده تعتمد على موسكو، وأن الحكومة الروسية شريك في ميزانية الدفاع.',
      ],
      publishedAt: f.russiaB!.publishedAt,
    })
    const ids = finder([...Object.values(f), source]).get(source.id)!.items.map((i) => i.id)
    expect(ids.slice(0, 3)).toContain(f.russiaB!.id)
    expect(ids.indexOf(f.russiaB!.id)).toBeLessThan(ids.indexOf(f.sportA!.id) === -1 ? Infinity : ids.indexOf(f.sportA!.id))
  })

  it('shows a story carried by several outlets once with its outlet count', () => {
    const f = searchFixtures()
    const list = finder(Object.values(f)).get(f.damOther!.id)!
    const dams = list.items.filter((i) => [f.dam1!.id, f.dam2!.id, f.dam3!.id].includes(i.id))
    expect(dams).toHaveLength(1)
    expect(dams[0]!.outlets).toBe(3)
  })

  it('counts near-duplicates of the story itself instead of listing them', () => {
    const f = searchFixtures()
    const list = finder(Object.values(f)).get(f.dam1!.id)!
    expect(list.duplicatesOfSource).toBe(2)
    expect(list.items.map((i) => i.id)).not.toContain(f.dam2!.id)
  })

  it('lists a daily market close once with the count of the others, given ten days of closes', () => {
    const moves = ['ارتفاع بنسبة 1.56', 'انخفاض بنسبة 0.76', 'ارتفاع بنسبة 0.24', 'انخفاض بنسبة 2.38', 'ارتفاع طفيف بنسبة 0.51', 'تراجع حاد بنسبة 3.20', 'ارتفاع بنسبة 0.46', 'انخفاض بنسبة 1.55', 'تراجع بنسبة 0.87', 'ارتفاع بنسبة 1.10']
    const closes = moves.map((move, i) => makeArticle({
      title: `الأسهم السعودية تغلق على ${move} %`,
      paragraphs: [`أغلق مؤشر سوق الأسهم السعودية تداولات اليوم على ${move} في المائة بتداولات بلغت ${4 + i} مليارات ريال، وسط نشاط في قطاعي المصارف والبتروكيماويات.`],
      publishedAt: day(i),
    }))
    const results = makeArticle({ title: 'نتائج «سابك» تحدد مسار سوق الأسهم السعودية', paragraphs: ['ينتظر المتعاملون في سوق الأسهم السعودية نتائج «سابك» الفصلية، التي يتوقع أن تحدد اتجاه المؤشر والمصارف هذا الأسبوع.'], publishedAt: day(3) })
    const followUp = makeArticle({ title: 'هيئة السوق المالية تفتح سوق الأسهم السعودية للمستثمرين الأجانب', paragraphs: ['أعلنت هيئة السوق المالية فتح سوق الأسهم السعودية أمام المؤسسات المالية الأجنبية المؤهلة للاستثمار المباشر.'], publishedAt: day(4) })
    const list = finder([...closes, results, followUp]).get(results.id)!
    const listed = list.items.filter((i) => closes.some((c) => c.id === i.id))
    expect(listed).toHaveLength(1)
    expect(listed[0]!.similar).toBe(9)
    expect(list.items.map((i) => i.id)).toContain(followUp.id)
  })

  it('folds a recurring column into one item, given «موجز دوليات» twice over different news', () => {
    const source = makeArticle({ title: 'مقتل العشرات في هجمات لبوكو حرام شمال نيجيريا', paragraphs: ['قتل العشرات في هجمات لجماعة بوكو حرام على قرى شمال نيجيريا.'], publishedAt: day(1) })
    const columnA = makeArticle({ title: 'موجز دوليات', paragraphs: ['هجوم جديد لبوكو حرام يقتل عشرة في شمال نيجيريا.'], publishedAt: day(1) })
    const columnB = makeArticle({ title: 'موجز دوليات', paragraphs: ['الجيش النيجيري يعلن صد هجوم لبوكو حرام في ولاية بورنو.'], publishedAt: day(2) })
    const items = finder([source, columnA, columnB]).get(source.id)!.items
    expect(items).toEqual([{ id: columnA.id, fromPublisher: false, outlets: 1, similar: 1 }])
  })

  it('keeps a follow-up with news of its own apart, given a visit and the security plan for it', () => {
    const source = makeArticle({ title: 'أوباما يصل إلى كينيا في أول زيارة لرئيس أميركي', paragraphs: ['وصل الرئيس الأميركي باراك أوباما إلى نيروبي في أول زيارة لكينيا منذ توليه الرئاسة.'], publishedAt: day(1) })
    const visit = makeArticle({ title: 'أوباما يزور كينيا لأول مرة منذ توليه الرئاسة', paragraphs: ['يزور الرئيس الأميركي باراك أوباما كينيا لأول مرة منذ توليه الرئاسة، في زيارة تشمل إثيوبيا.'], publishedAt: day(0) })
    const security = makeArticle({ title: 'تشديدات أمنية في نيروبي استعدادا لزيارة أوباما', paragraphs: ['شددت السلطات الكينية الإجراءات الأمنية في نيروبي استعدادا لزيارة الرئيس الأميركي باراك أوباما.'], publishedAt: day(0) })
    const items = finder([source, visit, security]).get(source.id)!.items
    expect(items.map((i) => i.id).sort()).toEqual([visit.id, security.id].sort())
    expect(items.every((i) => i.similar === 0)).toBe(true)
  })

  it('folds a story told again under a new headline, given two reports opening on the same lede', () => {
    const source = makeArticle({ title: 'الكاميرون تمنع النقاب قرب الحدود النيجيرية', paragraphs: ['منعت الكاميرون النقاب قرب الحدود مع نيجيريا بعد هجمات انتحارية لحركة بوكو حرام.'], publishedAt: day(1) })
    const online = makeArticle({
      title: 'مقتل 50 شخصا بهجمات لبوكو حرام في الكاميرون ونيجيريا',
      paragraphs: ['قتل أكثر من 50 شخصا أمس في هجمات مفترضة لحركة بوكو حرام في الكاميرون ونيجيريا التي حذر رئيسها الولايات المتحدة من أن سياستها تضر بالجهود لمكافحة التطرف.', 'وقالت مصادر أمنية إن انتحاريتين فجرتا نفسيهما في سوق مزدحمة بمدينة ماروا شمال البلاد.'],
      publishedAt: day(0),
    })
    const print = makeArticle({
      title: 'بخاري يحذر واشنطن من سياستها ضد الجماعة',
      paragraphs: ['قتل أكثر من 60 مواطنا أمس في هجمات لحركة بوكو حرام في الكاميرون ونيجيريا، التي حذر رئيسها محمد بخاري الولايات المتحدة من أن سياستها تضر بجهود مكافحة الإرهاب.', 'وكان بخاري قد التقى الرئيس الأميركي باراك أوباما في البيت الأبيض الأسبوع الماضي.'],
      publishedAt: day(1),
    })
    const items = finder([source, online, print]).get(source.id)!.items
    expect(items).toHaveLength(1)
    expect([online.id, print.id]).toContain(items[0]!.id)
    expect(items[0]!.similar).toBe(1)
  })

  it('keeps two stories on one subject apart, given one-line ledes that share a few words', () => {
    const f = searchFixtures()
    const index = createSearchIndex()
    index.add(Object.values(f))
    expect(similarStories(index, f.russiaA!, f.russiaB!)).toBe(false)
  })

  it('answers undefined for an unknown id and keeps computed lists', async () => {
    const f = searchFixtures()
    const related = finder(Object.values(f))
    expect(related.get('000000000000')).toBeUndefined()
    await related.warm(Object.values(f).map((a) => a.id))
    expect(related.cached()).toBe(Object.keys(f).length)
  })
})
