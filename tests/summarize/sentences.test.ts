import { describe, expect, it } from 'vitest'
import { fitSentence, splitSentences, truncateWords } from '../../src/summarize/sentences.js'

describe('splitSentences', () => {
  it('ends a sentence at a stop whose space is missing, given Arabic words on both sides («نوح.و تعني», «الخشب .فالعود»)', () => {
    expect(splitSentences('يرجعه البعض إلى نوح.و تعني كلمة العود الخشب .فالعود له خمسة أوتار.')).toEqual([
      'يرجعه البعض إلى نوح.', 'و تعني كلمة العود الخشب .', 'فالعود له خمسة أوتار.',
    ])
  })

  it('keeps dotted names whole, given أ.ف.ب, د.محمد and سي.إن.إن', () => {
    expect(splitSentences('قال د.محمد لوكالة أ.ف.ب ولشبكة سي.إن.إن إن الوضع هادئ.')).toEqual(['قال د.محمد لوكالة أ.ف.ب ولشبكة سي.إن.إن إن الوضع هادئ.'])
  })

  it('keeps a «…» quotation with full stops inside whole, given a quoted statement', () => {
    expect(splitSentences('قال الوزير: «الوضع صعب. سنعمل بجد». وأضاف أن الحكومة مستعدة.')).toEqual([
      'قال الوزير: «الوضع صعب. سنعمل بجد».',
      'وأضاف أن الحكومة مستعدة.',
    ])
  })

  it('keeps “…” and "…" quotations whole, given curly and straight quotes', () => {
    expect(splitSentences('قال: “لن نتراجع. أبدا”. ثم صرح: "انتهى الأمر. نعم". والجلسة مستمرة.')).toEqual([
      'قال: “لن نتراجع. أبدا”.',
      'ثم صرح: "انتهى الأمر. نعم".',
      'والجلسة مستمرة.',
    ])
  })

  it('keeps 3.5 and أ.ف.ب whole, given a decimal and a dotted agency name', () => {
    expect(splitSentences('ارتفع النمو إلى 3.5 في المائة بحسب أ.ف.ب اليوم. وتراجع التضخم.')).toEqual([
      'ارتفع النمو إلى 3.5 في المائة بحسب أ.ف.ب اليوم.',
      'وتراجع التضخم.',
    ])
  })

  it('splits at ؟ and ! but not at ؛ or an inner "...", given Arabic punctuation', () => {
    expect(splitSentences('هل انتهت الأزمة؟ لا يبدو ذلك؛ فالمفاوضات مستمرة... حتى الآن! والسلام.')).toEqual([
      'هل انتهت الأزمة؟',
      'لا يبدو ذلك؛ فالمفاوضات مستمرة... حتى الآن!',
      'والسلام.',
    ])
  })

  it('ends a sentence at a lone Arabic letter such as م (AD), given a year', () => {
    expect(splitSentences('توفي في فيينا عام 1827 م. وترك أعمالا كثيرة.')).toHaveLength(2)
  })

  it('does not let an unclosed quotation swallow the paragraph, given a missing »', () => {
    expect(splitSentences('قال: «بدأنا العمل. ثم انتهينا منه. وغادر الجميع.')).toEqual(['قال: «بدأنا العمل.', 'ثم انتهينا منه.', 'وغادر الجميع.'])
  })

  it('splits inside a quotation longer than a speech excerpt, given an article that is all quotation', () => {
    const sentence = 'نحن نعمل من أجل مستقبل أفضل لأبنائنا وبناتنا في كل مكان من هذا الوطن. '
    const parts = splitSentences(`«${sentence.repeat(12)}»`)
    expect(parts.length).toBeGreaterThan(5)
    expect(parts.every((p) => p.length < 500)).toBe(true)
  })

  it('treats each line as its own paragraph, given text without a final stop', () => {
    expect(splitSentences('عنوان بلا نقطة\nفقرة ثانية.')).toEqual(['عنوان بلا نقطة', 'فقرة ثانية.'])
  })

  it('keeps a Latin initial spelled in Arabic with its name, given «قال كيه. شانموجام» and «جورج دبليو. بوش»', () => {
    expect(splitSentences('قال كيه. شانموجام وزير خارجية سنغافورة إن المحادثات مهمة. وزار جورج دبليو. بوش المدينة.')).toEqual([
      'قال كيه. شانموجام وزير خارجية سنغافورة إن المحادثات مهمة.',
      'وزار جورج دبليو. بوش المدينة.',
    ])
  })

  it('still ends a sentence at an initial, given an acronym («دي سي.») or «و» after it («سفيان إيه. وقال»)', () => {
    expect(splitSentences('وصل الوفد إلى واشنطن دي سي. وعند سؤاله قال إن الزيارة مهمة.')).toHaveLength(2)
    expect(splitSentences('التقى الوفد مع سفيان إيه. وقال الناطق إن اللقاء كان مثمرا.')).toEqual(['التقى الوفد مع سفيان إيه.', 'وقال الناطق إن اللقاء كان مثمرا.'])
  })

  it('keeps a quotation whole, given a bracket left open inside it («…(من ثروة… إلخ»)', () => {
    const quote = 'ومن بين التعليقات ما كتبه: «هؤلاء المجرمون.. في بالتيمور يحتاجون إلى الشحن. ربما حينها يدركون (من ثروة ورعاية.. إلخ».'
    expect(splitSentences(`${quote} وقال لاحقا إنه نادم.`)).toEqual([quote, 'وقال لاحقا إنه نادم.'])
  })
})

describe('fitSentence', () => {
  it('does not cut inside a phrase at a word whose و is its root\'s, given «حكومة وحدة وطنية» past the budget', () => {
    const s = 'اعتبر الطيب البكوش وزير خارجية تونس في حديث شامل مع «الشرق الأوسط» أن مستقبل الأمن والاستقرار في تونس وكامل منطقة شمال أفريقيا '
      + 'وجنوب أوروبا رهين المستجدات الأمنية والسياسية في ليبيا ونجاح جهود تشكيل حكومة وحدة وطنية قوية.'
    const fitted = fitSentence(s, 220)
    expect(fitted).not.toMatch(/حكومة وحدة\.$/u)
    expect(fitted.endsWith('.')).toBe(true)
  })

  it('still cuts at «و» the conjunction, given a coordinated clause past the budget', () => {
    const s = `${'أعلنت الوزارة مقتل ثلاثة وأربعين مدنيا في القصف '.repeat(2)}وإصابة ${'عشرات آخرين بجروح مختلفة '.repeat(3)}`
    expect(fitSentence(s, 110)).toBe(`${'أعلنت الوزارة مقتل ثلاثة وأربعين مدنيا في القصف '.repeat(2).trimEnd()}.`)
  })

  it('cuts at the last clause boundary that fits and ends with a full stop, given an over-long sentence with ؛ and ،', () => {
    const s = `${'أ'.repeat(60)}، ${'ب'.repeat(30)}؛ ${'ج'.repeat(60)}`
    expect(fitSentence(s, 100)).toBe(`${'أ'.repeat(60)}، ${'ب'.repeat(30)}.`)
  })

  it('cuts before a relative clause, given a sentence with no punctuation inside', () => {
    const s = 'أعلنت الشركة الوطنية للطاقة عن مشروعها الجديد لإنتاج الكهرباء من الشمس الذي سيوفر الطاقة لمئة ألف منزل في المنطقة الشرقية خلال خمس سنوات من الآن.'
    expect(fitSentence(s, 90)).toBe('أعلنت الشركة الوطنية للطاقة عن مشروعها الجديد لإنتاج الكهرباء من الشمس.')
  })

  it('does not cut off a verb\'s object, given «…الذي أكد في خطاب الافتتاح، أمس، أن…»', () => {
    const s = 'أكد أعضاء بارزون في الحكومة المصرية، أن افتتاح قناة السويس الجديدة، أمس، خطوة أولى في طريق التنمية الذي وضعته مصر قيد التنفيذ بتوجيهات ودعم الرئيس المصري عبد الفتاح السيسي، الذي أكد في خطاب الافتتاح، أمس، أن الطريق شاق وطويل.'
    expect(fitSentence(s, 220)).toMatch(/عبد الفتاح السيسي\.$/)
  })

  it('never ends on a preposition or inside a quotation, given clause marks in bad places', () => {
    const s = `قال الوزير في المؤتمر الصحافي «إن الحكومة، كما وعدت، ستبني المدارس» ثم أضاف أن ${'العمل '.repeat(30)}.`
    const out = fitSentence(s, 120)
    expect(out).toMatch(/\.$/)
    expect(out.split('«').length).toBe(out.split('»').length)
  })

  it('does not cut after a colon that opens a list or a quotation, given «…نحن النقاد: فمن ناحية، …»', () => {
    const s = 'كلمة «نقد» في العربية كلمة صعبة لأنها في «صحاح اللغة» و«لسان العرب» وسواهما لا تعني ما نمارسه نحن النقاد: فمن ناحية، النقد هو طبع العملة (النقود) وربما عاد الأصل إلى أن الدفع كان يتم بوضع النقود قطعة قطعة في يد مستلمها قبل إنشاء أول مصرف.'
    expect(fitSentence(s, 220)).toBe(s)
    // Before the colon, or after a colon closed inside «…», a clause cut is still made.
    const quoted = `قال الوزير «الخطة: جاهزة» في المؤتمر الذي عقد في العاصمة، ${'وأضاف أن العمل سيبدأ قريبا '.repeat(8)}.`
    expect(fitSentence(quoted, 120)).toBe('قال الوزير «الخطة: جاهزة» في المؤتمر الذي عقد في العاصمة.')
  })

  it('does not end where an enumeration begins, given a comma right after «من ناحية»', () => {
    const s = `ارتفعت الأسعار في الأسواق المحلية لأسباب كثيرة من ناحية، ${'وتراجع الطلب على السلع المستوردة '.repeat(6)}.`
    expect(fitSentence(s, 100)).not.toMatch(/ناحية\.$/)
  })

  it('keeps a sentence whole up to half as long again as the budget, given no clause to cut at', () => {
    const s = `${'كلمة '.repeat(14)}أخيرة.`
    expect(fitSentence(s, 60)).toBe(s)
  })

  it('ends with a stop and no ellipsis, given a run of words with no punctuation at all', () => {
    const out = fitSentence('كلمة '.repeat(100), 50)
    expect(out.length).toBeLessThanOrEqual(50)
    expect(out).toMatch(/كلمة\.$/)
    expect(truncateWords('قصير', 50)).toBe('قصير')
  })

  it('does not cut off the «أن» clause of a verb of knowing or saying, given a relative clause between them', () => {
    const s = 'عبارة كتبها الجنود على الجدران قبل عامين، وحينها لم يدرك الجنود الذين كتبوها ولا السوريين الذين قرأوها أن تجتاح البلد موجة حر شديدة تشوي ما تبقى من البلد.'
    expect(fitSentence(s, 100)).toBe('عبارة كتبها الجنود على الجدران قبل عامين.')
    const said = 'قال المسؤول في الوزارة الذي رفض الكشف عن اسمه لأنه غير مخول بالحديث إلى الصحافيين إن المفاوضات ستستأنف الأسبوع المقبل في العاصمة.'
    expect(fitSentence(said, 60)).toBe(said)
    const aside = 'لم يحبط القرار عزيمة المدرب لويس فان غال الذي أكد من الولايات المتحدة، حيث يقوم فريقه بجولة تحضيرية طويلة، بأنه لم يفقد الأمل بضم المدافع إلى فريقه.'
    expect(fitSentence(aside, 90)).toBe('لم يحبط القرار عزيمة المدرب لويس فان غال.')
  })
})
