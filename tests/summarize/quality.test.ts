import { describe, expect, it } from 'vitest'
import { endsWhole, startsDangling, summaryFlaws } from '../../src/summarize/quality.js'

describe('startsDangling', () => {
  it.each([
    'وأضاف أن الحكومة مستعدة.', 'وأضافت الصحيفة أن الاتفاق قريب.', 'مبينا انه لن يتراجع.', 'كما أعلن الوزير عن خطة.',
    'وكان الرئيس قد أعلن ذلك.', 'وجاء هذا القصف بينما استمرت الاشتباكات.', 'وقال إن الاتفاق قريب.', 'وقال: «لن نتراجع».',
    'في هذا السياق، قال الوزير.', 'وهذا ما أكده الوزير.', 'من جهته، قال الوزير.',
    'فالجمال فن والفن جمال.', 'فهو لا يعرف الطريق.', 'فإن الحكومة قررت.', 'فقد أعلن الوزير الخطة.', 'الجواب لا، إذ يمكنك الزراعة.',
    'والجواب: نعم.', 'ففي مصر، اتسم الموسم بزخم كبير.', 'لا، لم يحدث ذلك.', 'نعم، هذا صحيح.', 'هذا هو عالم التطبيقات الصحية.', 'هذا دفعني للتفكير.',
    'ويمكن استخدام كل تلك الطرق داخل المنزل.', 'أضاف المتحدث أن الاتفاق قريب.', 'أضاف: «لن نتراجع».',
    'وقد يجعل هذا من سمار أكثر إنسان يجري قياسه.', 'وقد سهل هذا تبادل الطلاب.', 'وقد قام الوزير بذلك أمس.',
  ])('is true, given «%s»', (sentence) => {
    expect(startsDangling(sentence)).toBe(true)
  })

  it.each([
    'ارتكبت الميليشيات مجزرة في عدن.', 'وقال الوزير إن الاتفاق قريب.', 'وقع زلزال قوي في جزر سليمان.',
    'هذا الفيديو يظهر دخول الجيش.', 'هذه أول نظرة على المركبة.', 'في هذا الفيديو يشرح النجم دوره.', 'وافق البرلمان على الميزانية.',
    'فلسطين تطالب بالاعتراف.', 'فرنسا تعلن الحداد.', 'فريق برشلونة فاز بالكأس.', 'في العدد الجديد مقال.', 'فيما قال الوزير إن الخطة جاهزة.',
    'فقط ثلاثة لاعبين غابوا.', 'فوق السحاب تحلق الطائرة.', 'فالنسيا يفوز على ريال مدريد.', 'فان غال يعترف بالخسارة.', 'فالح الفياض يزور بغداد.',
    'لا يزال الوضع صعبا.', 'الرد الإسرائيلي جاء سريعا.', 'أضاف التلفزيون السعودي برنامج «ليالي رمضان» لحزمة برامجه.', 'تلكأت الحكومة في الرد.',
    'وقد صوت مجلس الأمن بالإجماع على تمديد البعثة.', 'وقد تطلب إتمام هذا الفندق حلولا جديدة.',
  ])('is false, given «%s»', (sentence) => {
    expect(startsDangling(sentence)).toBe(false)
  })
})

describe('summaryFlaws', () => {
  it('finds nothing, given whole sentences taken from the source', () => {
    const source = 'ارتفعت الأسعار في السوق، الذي شهد طلبا كبيرا. وتراجع الطلب على الذهب.'
    expect(summaryFlaws('ارتفعت الأسعار في السوق.', source)).toEqual({ cutMidSentence: false, ellipsis: false, leftovers: [], danglingStart: false })
  })

  it('counts a cut, given a summary ending on an ellipsis, without a stop, inside «…», or inside a source sentence', () => {
    const source = 'ارتفعت الأسعار في السوق المحلية بشكل كبير. وتراجع الطلب.'
    expect(summaryFlaws('ارتفعت الأسعار في…').cutMidSentence).toBe(true)
    expect(summaryFlaws('ارتفعت الأسعار في السوق').cutMidSentence).toBe(true)
    expect(summaryFlaws('قال: «ارتفعت الأسعار.').cutMidSentence).toBe(true)
    expect(summaryFlaws('ارتفعت الأسعار في السوق.', source).cutMidSentence).toBe(true)
    expect(endsWhole('قال: «انتهى الأمر».')).toBe(true)
  })

  it('counts a cut, given a sentence shortened after a colon that announces what follows', () => {
    const source = 'لا تعني ما نمارسه نحن النقاد: فمن ناحية، النقد هو طبع العملة وربما عاد الأصل إلى الدفع.'
    expect(summaryFlaws('لا تعني ما نمارسه نحن النقاد: فمن ناحية.', source).cutMidSentence).toBe(true)
    expect(summaryFlaws(source, source).cutMidSentence).toBe(false)
  })

  it('reports an ellipsis the source uses and debris, given a summary carrying both', () => {
    expect(summaryFlaws('قال إن الأمر (...) انتهى.  والسلام.')).toMatchObject({ ellipsis: true, leftovers: ['doubleSpace'], cutMidSentence: false })
  })
})
