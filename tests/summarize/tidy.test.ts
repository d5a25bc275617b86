import { describe, expect, it } from 'vitest'
import { leftoverKinds, tidyParagraph, tidyParagraphs } from '../../src/summarize/tidy.js'

describe('tidyParagraph', () => {
  it.each([
    ['a «...المزيد» trailer', 'وقال إن الحصار سيرفع قريبا. ...المزيد', 'وقال إن الحصار سيرفع قريبا.'],
    ['a leading bullet', '* ماذا تم في لقائكم بخادم الحرمين الشريفين؟', 'ماذا تم في لقائكم بخادم الحرمين الشريفين؟'],
    ['the dash that opens an interview answer', '- علاقاتنا مع الشقيقة ليبيا تاريخية وعريقة.', 'علاقاتنا مع الشقيقة ليبيا تاريخية وعريقة.'],
    ['a bullet inside a paragraph', 'فعلاً لا قولاً. * الكابتن طاهر راشد: قيادتك لنا', 'فعلاً لا قولاً. الكابتن طاهر راشد: قيادتك لنا'],
    ['the paper\'s {} quotes', '«داعش» يروج لـ{دولته} في ليبيا', '«داعش» يروج لـ«دولته» في ليبيا'],
    ['double spaces and a space before a comma', 'اجتماع الحكومة  في عدن عام 2006 ، ما يعني', 'اجتماع الحكومة في عدن عام 2006، ما يعني'],
    ['a Latin comma between Arabic words', 'ودافع كيري عن قرار الرئيس أوباما, قائلا', 'ودافع كيري عن قرار الرئيس أوباما، قائلا'],
    ['a decimal stored in display order behind a direction mark', 'وقع زلزال قوته 5.\u200F7 درجة', 'وقع زلزال قوته 7.5 درجة'],
    ['a hashtag mark', 'وقررت #تركيا طرد السفير', 'وقررت تركيا طرد السفير'],
    ['an empty link and HTML entities', 'قتل 60 فلسطينياً&nbsp;في غزة. []', 'قتل 60 فلسطينياً في غزة.'],
  ])('removes %s', (_, raw, clean) => {
    expect(tidyParagraph(raw)).toBe(clean)
    expect(leftoverKinds(clean)).toEqual([])
  })

  it('keeps a sentence that ends on «بالمزيد», given the word in a sentence rather than a link', () => {
    expect(tidyParagraph('وطالب المتظاهرون بالمزيد')).toBe('وطالب المتظاهرون بالمزيد')
  })

  it('drops the line, given a syndication credit or a bare «المزيد» link', () => {
    expect(tidyParagraphs(['* خدمة «نيويورك تايمز»', '...المزيد', 'نص الخبر.'])).toEqual(['نص الخبر.'])
  })

  it('drops the site disclaimer and a «نقلا عن» credit, given the end of an ANT opinion piece', () => {
    expect(tidyParagraphs(['نص المقال.', '* نقلا عن "السفير" اللبنانية', '** جميع المقالات المنشورة تمثل رأي كتابها فقط.'])).toEqual(['نص المقال.'])
    expect(tidyParagraphs(['وقال الوزير إن الخطة جاهزة. جميع المقالات المنشورة تمثل رأي كتابها فقط'])).toEqual(['وقال الوزير إن الخطة جاهزة.'])
    expect(tidyParagraphs(['نقلا عن "رويترز" قال المسؤول إن الاتفاق قريب.'])).toEqual(['نقلا عن "رويترز" قال المسؤول إن الاتفاق قريب.'])
    expect(leftoverKinds('نص. جميع المقالات المنشورة تمثل رأي كتابها فقط.')).toEqual(['disclaimer'])
  })

  it('turns «_» between Arabic words into a space, given al-Arabiya hashtag words', () => {
    expect(tidyParagraph('واصلت قوات الجيش_اليمني هجومها على ميليشيا_الحوثي.')).toBe('واصلت قوات الجيش اليمني هجومها على ميليشيا الحوثي.')
    expect(tidyParagraph('الملف report_2015 جاهز.')).toBe('الملف report_2015 جاهز.')
    expect(leftoverKinds('قال سمير_جعجع.')).toEqual(['underscore'])
    expect(tidyParagraph('تحقيق رؤية_2030 وحماية الكعبة _الشريف.')).toBe('تحقيق رؤية 2030 وحماية الكعبة الشريف.')
  })

  it('removes kashida that stretches a word and keeps a single ـ, given «الآســــــيوي» and «لـ«الشرق الأوسط»»', () => {
    expect(tidyParagraph('ملف اللاعب الآســــــيوي خلال الفتــــرة المقبلة.')).toBe('ملف اللاعب الآسيوي خلال الفترة المقبلة.')
    expect(tidyParagraph('قال لـ«الشرق الأوسط» إن الخطة جاهزة.')).toBe('قال لـ«الشرق الأوسط» إن الخطة جاهزة.')
  })

  it('joins a line broken inside an open quotation, given «…يصل أجره⏎إلى ملايين…»', () => {
    expect(tidyParagraphs(['وقال المنسق: «لا يمكن تعليق نجم يصل أجره', 'إلى ملايين الدولارات بطائرة».', 'وانتهى التصوير.'])).toEqual([
      'وقال المنسق: «لا يمكن تعليق نجم يصل أجره إلى ملايين الدولارات بطائرة».',
      'وانتهى التصوير.',
    ])
  })

  it('keeps a list\'s lines apart, given numbered items without stops among prose', () => {
    const lines = ['نقدم لكم التطبيقات الأكثر تحميلا خلال الأسبوع الماضي.', '* التطبيقات المجانية', '1. تطبيق «فيسبوك ميسنجر» Facebook Messenger', '2. لعبة «هيدز أب!» Heads Up!', '3. تطبيق «يوتيوب» YouTube', 'ويمكن تحميلها مجانا.']
    expect(tidyParagraphs(lines)).toEqual([
      'نقدم لكم التطبيقات الأكثر تحميلا خلال الأسبوع الماضي.', 'التطبيقات المجانية', '1. تطبيق «فيسبوك ميسنجر» Facebook Messenger', '2. لعبة «هيدز أب!» Heads Up!', '3. تطبيق «يوتيوب» YouTube', 'ويمكن تحميلها مجانا.',
    ])
  })

  it('joins a line broken inside a sentence, given a break before its last word or after a comma', () => {
    expect(tidyParagraphs(['أعلنت شرطة مدينة زيوريخ أمس أن الاتحاد الدولي لكرة القدم تقدم بشكوى جنائية بدعوى تعديه على ممتلكات', 'الغير.', 'ونقل إلى قسم الشرطة.'])).toEqual([
      'أعلنت شرطة مدينة زيوريخ أمس أن الاتحاد الدولي لكرة القدم تقدم بشكوى جنائية بدعوى تعديه على ممتلكات الغير.', 'ونقل إلى قسم الشرطة.',
    ])
    expect(tidyParagraphs(['وصل الوزير إلى', 'العاصمة أمس.', 'وقال الوزير،', 'إن الزيارة مهمة.'])).toEqual(['وصل الوزير إلى العاصمة أمس.', 'وقال الوزير، إن الزيارة مهمة.'])
    // A heading stays a line of its own.
    expect(tidyParagraphs(['تطبيقات الأسبوع', 'اخترنا لكم مجموعة من التطبيقات.'])).toEqual(['تطبيقات الأسبوع', 'اخترنا لكم مجموعة من التطبيقات.'])
  })

  it('joins lines again, given text hard-wrapped at a fixed width', () => {
    const wrapped = ['تبدأ الغرفة التجارية في محافظة الأحساء تنفيذ', 'برامجها التدريبية من يوم الأحد المقبل في مقر', 'الغرفة بمدينة المبرز.', 'وأوضح مدير التدريب أن المحاضرة ستتناول', 'مهارات التواصل.']
    expect(tidyParagraphs(wrapped)).toEqual([
      'تبدأ الغرفة التجارية في محافظة الأحساء تنفيذ برامجها التدريبية من يوم الأحد المقبل في مقر الغرفة بمدينة المبرز.',
      'وأوضح مدير التدريب أن المحاضرة ستتناول مهارات التواصل.',
    ])
  })
})

describe('leftoverKinds', () => {
  it('names each kind of debris, given a text carrying all of them', () => {
    expect(leftoverKinds('* خبر  لـ{دولته} أوباما, قائلا 5.\u200F7 &quot; ...المزيد')).toEqual(['more', 'bullet', 'braces', 'doubleSpace', 'latinComma', 'directionMark', 'html'])
  })
})
