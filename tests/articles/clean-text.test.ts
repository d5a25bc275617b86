import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createArticleStore } from '../../src/articles/article-store.js'
import { cleanParagraphs, cleanText } from '../../src/articles/clean-text.js'
import { parsePage } from '../../src/articles/parse-page.js'
import type { Core } from '../../src/core.js'
import { createFeedIngest } from '../../src/feeds/feed-ingest.js'
import { createStore, type Store } from '../../src/storage/create-store.js'
import { testCore, TEST_NOW } from '../helpers/core.js'
import { pageText } from '../helpers/seed.js'

const RLM = '\u200F'

describe('cleanText', () => {
  it('removes the «المزيد» link, given a paragraph or a line ending in «...المزيد»', () => {
    expect(cleanText(' ...المزيد')).toBe('')
    expect(cleanText('....المزيد')).toBe('')
    expect(cleanText('وصل الوفد إلى عدن. …المزيد')).toBe('وصل الوفد إلى عدن.')
  })

  it('removes a leading bullet, given `* `, `•`, `⬛` or `> ` at the start', () => {
    expect(cleanText('* ماذا تم في لقائكم؟')).toBe('ماذا تم في لقائكم؟')
    expect(cleanText('*خدمة «واشنطن بوست»')).toBe('خدمة «واشنطن بوست»')
    expect(cleanText('• المرحلة الثانية: إنشاء نسخ')).toBe('المرحلة الثانية: إنشاء نسخ')
    expect(cleanText('⬛ مارس 2004 : تم تغريم الشركة')).toBe('مارس 2004 : تم تغريم الشركة')
    expect(cleanText('> فندق سان جورج، بيروت')).toBe('فندق سان جورج، بيروت')
  })

  it('writes {…} as «…», given the paper\'s brace quotes, paired or with a guillemet', () => {
    expect(cleanText('«داعش» يروج لـ{دولته} في ليبيا')).toBe('«داعش» يروج لـ«دولته» في ليبيا')
    expect(cleanText('وأكد لـ {الشرق الأوسط} أن')).toBe('وأكد لـ «الشرق الأوسط» أن')
    expect(cleanText('قال الرئيس، {من عدن سنستعيد اليمن».')).toBe('قال الرئيس، «من عدن سنستعيد اليمن».')
    expect(cleanText('خاص بـ }الشرق الأوسط}')).toBe('خاص بـ «الشرق الأوسط»')
  })

  it('collapses whitespace, given double, non-breaking and edge spaces', () => {
    expect(cleanText('  اجتماع الحكومة الأول في عدن  يكرس\u00A0\u00A0للأمن ')).toBe('اجتماع الحكومة الأول في عدن يكرس للأمن')
    expect(cleanText('عنوان\tمع\u2009مسافة')).toBe('عنوان مع مسافة')
  })

  it('writes «،», given a Latin comma between Arabic words, with or without spaces around it', () => {
    expect(cleanText('ودافع كيري عن قرار أوباما, قائلا')).toBe('ودافع كيري عن قرار أوباما، قائلا')
    expect(cleanText('دون إعطاء مهلة لتجديدها , كذلك')).toBe('دون إعطاء مهلة لتجديدها، كذلك')
    expect(cleanText('عقد في الرياض,أمس')).toBe('عقد في الرياض، أمس')
    expect(cleanText('وكالة «الأهرام}, عن أسرار')).toBe('وكالة «الأهرام»، عن أسرار')
  })

  it('puts a number in the order the page showed it, given a direction mark after its separator', () => {
    // Laid out right to left, «5.‏7» shows as 7.5: the headline of the same story says «زلزال بقوة 7.5».
    expect(cleanText(`وقع زلزال قوته 5.${RLM}7 درجة`)).toBe('وقع زلزال قوته 7.5 درجة')
    expect(cleanText(`الذهب 50.${RLM}1104 دولار للأوقية و5.${RLM}26 في المائة`)).toBe('الذهب 1104.50 دولار للأوقية و26.5 في المائة')
    expect(cleanText(`بدأ تطبيقها في 1/${RLM}2/${RLM}2018`)).toBe('بدأ تطبيقها في 2018/2/1')
  })

  it('drops a direction mark that only hides inside a number, given one before % or between its digits', () => {
    expect(cleanText('الانتهاء من 80\u200E% من الحلقات')).toBe('الانتهاء من 80% من الحلقات')
    expect(cleanText('بين إيران و5+\u202C1 على الصعيد')).toBe('بين إيران و5+1 على الصعيد')
  })

  it('keeps everything else as written, given clean text, Latin commas in numbers, dialogue dashes and other marks', () => {
    const keep = [
      'أشاد وزير الدفاع الصيني، الثلاثاء، بـ«العلاقات» (رويترز)...',
      'بلغت 1,000 دولار و3.5 في المائة',
      '- كنت أتمنى أن تطرحي هذا السؤال',
      'قال: «Drive, He Said» سنة 1971',
      'ثانٍ 3 < 5 و 7 > 2',
      'بذل المزيد لتدمير «داعش»',
      `بحي \u200Fحليبية`,
      'كشف يوم الأ{بعاء عن سر',
      '#هيفاء_وهبي قررت أن ترد',
    ]
    for (const line of keep) expect(cleanText(line)).toBe(line)
  })
})

describe('cleanParagraphs', () => {
  it('drops paragraphs left empty, given a «المزيد» link and a lone bullet', () => {
    expect(cleanParagraphs(['الفقرة الأولى.', ' ...المزيد', '*', 'الثانية.'])).toEqual(['الفقرة الأولى.', 'الثانية.'])
  })
})

const DIRTY = {
  title: '«داعش» يروج لـ{دولته}  في ليبيا',
  body: ['* وصل الوفد إلى عدن, أمس, بزلزال قوته 5.\u200F7 درجة.', ' ...المزيد'],
}
const CLEAN = {
  title: '«داعش» يروج لـ«دولته» في ليبيا',
  paragraphs: ['وصل الوفد إلى عدن، أمس، بزلزال قوته 7.5 درجة.'],
}

describe('ingest sources clean their text', () => {
  let dir: string
  let core: Core
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'khulasa-clean-'))
    core = await testCore()
  })
  afterEach(() => core.close())

  it('cleans headline, caption, body and related titles, given a seed page with debris', () => {
    const text = pageText({
      title: DIRTY.title,
      caption: 'صورة  من {الحدث} (رويترز)',
      body: DIRTY.body,
      related: [{ section: 'أوروبا', caption: 'صورة (أ.ب)', title: 'بوتين يزور  {باكو}', lede: '• وصل الرئيس.', byline: 'الشرق الأوسط (موسكو)' }],
    })
    const [article, stub] = parsePage(text, { source: 'seed.txt', seenAt: TEST_NOW }).articles
    expect(article).toMatchObject({ ...CLEAN, caption: 'صورة من «الحدث»', photoCredit: 'رويترز', kind: 'full' })
    expect(stub).toMatchObject({ title: 'بوتين يزور «باكو»', paragraphs: ['وصل الرئيس.'] })
  })

  it('stores cleaned articles, given a seed page and a JSONL corpus through the ingester', async () => {
    writeFileSync(join(dir, 'page.txt'), pageText({ title: DIRTY.title, body: DIRTY.body }))
    writeFileSync(join(dir, 'corpus.jsonl'), `${JSON.stringify({ title: 'ارتفاع  الذهب, اليوم', text: `• ارتفع الذهب إلى 50.\u200F1104 دولار.\n\n ...المزيد` })}\n`)
    await core.ingester.ingestDir(dir)
    const stored = [...core.articles.all()].map((a) => ({ title: a.title, paragraphs: a.paragraphs }))
    expect(stored).toEqual(expect.arrayContaining([CLEAN, { title: 'ارتفاع الذهب، اليوم', paragraphs: ['ارتفع الذهب إلى 1104.50 دولار.'] }]))
  })

  describe('feeds', () => {
    let store: Store
    beforeEach(async () => { store = await createStore('memory://') })
    afterEach(() => store.close())
    const feed = { url: 'https://news.example/rss', name: 'example', language: 'ar' }

    it('cleans headline and description, given a feed item with debris in its HTML', async () => {
      const articles = createArticleStore({ store })
      const ingest = createFeedIngest({ articles, now: () => new Date(TEST_NOW) })
      await ingest.ingest(feed, [{ title: DIRTY.title.replace('  ', ' &nbsp; '), link: 'https://news.example/1', html: DIRTY.body.map((p) => `<p>${p}</p>`).join('') }])
      expect([...articles.all()]).toMatchObject([{ ...CLEAN, firstSeenAt: TEST_NOW }])
    })

    it('cleans the page text, given an item whose full text has debris', async () => {
      const articles = createArticleStore({ store })
      const ingest = createFeedIngest({ articles, now: () => new Date(TEST_NOW), fullText: async () => DIRTY.body })
      await ingest.ingest(feed, [{ title: DIRTY.title, link: 'https://news.example/2', html: 'وصف قصير' }])
      expect([...articles.all()]).toMatchObject([CLEAN])
    })
  })
})
