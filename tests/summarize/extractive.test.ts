import { describe, expect, it } from 'vitest'
import { extractiveSummary, stripDateline } from '../../src/summarize/extractive.js'
import { splitSentences } from '../../src/summarize/sentences.js'

const SHORT = { maxChars: 280, maxSentences: 2 }

const news = {
  title: 'السعودية تطلق صالات سينما جديدة في الرياض وجدة',
  paragraphs: [
    'دبي، الإمارات العربية المتحدة (CNN) -- أعلنت شركة سينما دولية أنها ستطلق 30 صالة سينمائية في السعودية بالتعاون مع شركة ترفيه محلية.',
    'وأعلنت الشركة الدولية أنها ستطلق 30 صالة سينمائية في السعودية بالتعاون مع شركة ترفيه محلية خلال العام.',
    'وقالت الشركة إن الصالات الجديدة ستفتح في الرياض وجدة قبل نهاية العام، مع شاشات كبيرة ومقاعد مريحة.',
    'وكانت المملكة قد رفعت الحظر عن دور السينما التجارية بعد 35 عاما.',
    'الطقس كان مشمسا في المدينة يوم الإعلان.',
  ],
}

describe('extractiveSummary', () => {
  it('returns at most 2 sentences within 280 characters, starting with the lead, given a news article', () => {
    const out = extractiveSummary(news, SHORT)
    expect(out.length).toBeLessThanOrEqual(280)
    expect(splitSentences(out).length).toBeLessThanOrEqual(2)
    expect(out).toMatch(/^أعلنت شركة سينما دولية/)
  })

  it('drops the wire dateline, given a CNN-style opening', () => {
    expect(extractiveSummary(news, SHORT)).not.toContain('CNN')
    expect(stripDateline('لندن - (رويترز): قال المسؤول إن الاتفاق قريب.')).toBe('قال المسؤول إن الاتفاق قريب.')
    expect(stripDateline('قال الرئيس (72 عاما) إن الاتفاق قريب.')).toBe('قال الرئيس (72 عاما) إن الاتفاق قريب.')
  })

  it('skips a second sentence that repeats the first, given a near-duplicate lead', () => {
    const out = extractiveSummary(news, { maxChars: 600 })
    expect(out).toContain('أعلنت شركة سينما دولية')
    expect(out).not.toContain('وأعلنت الشركة الدولية')
    expect(out.length).toBeLessThanOrEqual(600)
  })

  it('gives the same summary every time, given the same article', () => {
    expect(extractiveSummary(news, SHORT)).toBe(extractiveSummary(structuredClone(news), SHORT))
  })

  it('keeps a long summary within 600 characters and longer than the short one, given the same article', () => {
    const long = extractiveSummary(news, { maxChars: 600 })
    expect(long.length).toBeGreaterThan(extractiveSummary(news, SHORT).length)
    expect(long.length).toBeLessThanOrEqual(600)
  })
})

describe('extractiveSummary openings', () => {
  it('opens with the lead, given a lead whose verb «أضاف» has its own object (not a continuer)', () => {
    const article = {
      title: 'التلفزيون السعودي يضيف برنامجا',
      paragraphs: [
        'أضاف التلفزيون السعودي برنامج «ليالي رمضان» لحزمة برامجه الخاصة التي ينتجها في شهر رمضان المبارك.',
        'وتتمحور فكرة البرنامج حول استضافة الكثير من نجوم المجتمع في مجال الفن والرياضة والإعلام الجديد.',
      ],
    }
    expect(extractiveSummary(article, SHORT)).toMatch(/^أضاف التلفزيون السعودي/)
  })

  it('skips sentences opening on «فـ» or a reply, given an article whose lead is a question', () => {
    const article = {
      title: 'البستنة دون تربة',
      paragraphs: [
        'هل نحتاج حقا إلى تربة لزراعة حديقة؟ الجواب لا، إذ يمكنك زراعة نباتات وسط الهواء أو في الماء.',
        'فالزراعة المائية تعتمد على الماء وحده وتنتشر في المدن.',
        'تعد تكنولوجيا الزراعة المائية الأشهر في مجال الزراعة دون تربة في العالم.',
      ],
    }
    expect(extractiveSummary(article, { maxChars: 280, maxSentences: 1 })).toMatch(/^تعد تكنولوجيا/)
  })
})

describe('extractiveSummary on bad input', () => {
  it('returns a head cut before a conjunction and closed with a stop, given an article with no sentence punctuation', () => {
    const words = 'قالت الحكومة إن المشروع الجديد سيوفر فرص عمل للشباب في المناطق الريفية والحضرية '
    const out = extractiveSummary({ title: 'مشروع', paragraphs: [words.repeat(20)] }, SHORT)
    expect(out.length).toBeGreaterThan(100)
    expect(out.length).toBeLessThanOrEqual(280)
    expect(out).toMatch(/^قالت الحكومة.* الريفية\.$/)
  })

  it('leaves a numbered list out of the summary, given a list article whose items end with «!»', () => {
    const out = extractiveSummary({
      title: 'التطبيقات الأكثر تحميلا',
      paragraphs: ['نقدم لكم التطبيقات الأكثر تحميلا في متجري «آي تونز» و«غوغل بلاي» عالميا خلال الأسبوع الماضي.', '1. تطبيق «فيسبوك ميسنجر» Facebook Messenger', '2. لعبة «هيدز أب!» Heads Up!', '3. تطبيق «يوتيوب» YouTube', 'الترتيب موضوع وفقا لبيانات موقع «آب آني»، ويمكن الحصول على ترتيب البلدان الأخرى بزيارة الموقع.'],
    }, { maxChars: 600, maxSentences: 5 })
    expect(out).toBe('نقدم لكم التطبيقات الأكثر تحميلا في متجري «آي تونز» و«غوغل بلاي» عالميا خلال الأسبوع الماضي. الترتيب موضوع وفقا لبيانات موقع «آب آني»، ويمكن الحصول على ترتيب البلدان الأخرى بزيارة الموقع.')
  })

  it('returns the line itself, given a one-line article', () => {
    expect(extractiveSummary({ title: 'خبر', paragraphs: ['افتتح الوزير المعرض الدولي للكتاب اليوم.'] }, SHORT)).toBe('افتتح الوزير المعرض الدولي للكتاب اليوم.')
  })

  it('returns the first sentence whole, given a budget smaller than any sentence and no clause to cut at', () => {
    const out = extractiveSummary({ title: 'أسعار', paragraphs: ['ارتفعت الأسعار في السوق المحلية. وتراجع الطلب.'] }, { maxChars: 18 })
    expect(out).toBe('ارتفعت الأسعار في السوق المحلية.')
  })

  it('returns the headline as a statement, given an article without paragraphs', () => {
    expect(extractiveSummary({ title: 'عنوان فقط', paragraphs: [] }, SHORT)).toBe('عنوان فقط.')
  })

  it('answers quickly within budget, given a 1 MB article', () => {
    const paragraph = 'ناقش المجلس خطة التنمية الاقتصادية للسنوات المقبلة. وأكد الأعضاء أهمية دعم الصناعة المحلية وزيادة الصادرات. '
    const huge = Array.from({ length: Math.ceil(1_000_000 / paragraph.length) }, (_, i) => `${paragraph}الفقرة ${i}.`)
    expect(huge.join('\n').length).toBeGreaterThan(1_000_000)
    const out = extractiveSummary({ title: 'خطة التنمية', paragraphs: huge }, SHORT)
    expect(out).toMatch(/^ناقش المجلس خطة التنمية/)
    expect(out.length).toBeLessThanOrEqual(280)
  })

  it('summarises English and mixed-script text, given a Latin-script article', () => {
    const out = extractiveSummary({
      title: 'Apple earnings',
      paragraphs: ['Apple reported record revenue of 90 billion dollars on Thursday. أعلنت شركة Apple عن إيرادات قياسية. Analysts expected less.'],
    }, SHORT)
    expect(out).toMatch(/^Apple reported record revenue/)
    expect(out.length).toBeLessThanOrEqual(280)
  })

  it('returns whole quoted sentences, given an article that is all quotation', () => {
    const speech = '«إننا نواجه تحديات كبيرة في هذه المرحلة. وعلينا أن نعمل معا من أجل تجاوزها. ولن نسمح لأحد بأن يعرقل مسيرة التنمية في بلادنا، مهما كانت الظروف والضغوط التي نتعرض لها من الداخل والخارج في السنوات المقبلة».'
    const out = extractiveSummary({ title: 'كلمة الرئيس', paragraphs: [speech, speech.replace('تحديات', 'صعوبات')] }, SHORT)
    expect(out.length).toBeGreaterThan(20)
    expect(out.length).toBeLessThanOrEqual(280)
    expect(out.startsWith('«إننا نواجه')).toBe(true)
  })
})
