import { dateTimeInWords, dayInWords, storyWhen } from './dates.js'
import { arabicNoun, plural, type PluralForms } from './plural.js'

const count = (forms: ReturnType<typeof arabicNoun>) => (n: number) => plural('ar', n, forms)

/** Counted nouns: «خبر واحد»، «خبران»، «3 أخبار»، «11 خبراً»، «100 خبر». */
const counted = {
  stories: count(arabicNoun({ zero: 'لا أخبار', one: 'خبر واحد', two: 'خبران', few: 'أخبار', many: 'خبراً' })),
  otherOutlets: count(arabicNoun({ zero: 'لا مصادر أخرى', one: 'مصدر آخر', two: 'مصدران آخران', few: 'مصادر أخرى', many: 'مصدراً آخر', other: 'مصدر آخر' })),
  similarReports: count(arabicNoun({ one: 'تقرير مشابه', two: 'تقريران مشابهان', few: 'تقارير مشابهة', many: 'تقريراً مشابهاً', other: 'تقرير مشابه' })),
  topics: count(arabicNoun({ one: 'موضوع واحد', two: 'موضوعان', few: 'مواضيع', many: 'موضوعاً' })),
  characters: count(arabicNoun({ one: 'حرف واحد', two: 'حرفان', few: 'أحرف', many: 'حرفاً' })),
}

/** Made once: forms written inside a message function are closures made again on every /latest. */
const latestHeader: PluralForms = { one: () => '📰 آخر خبر', two: () => '📰 آخر خبرين', other: (n) => `📰 آخر ${counted.stories(n)}` }

/** Every Arabic string the bot shows. Placeholders are functions so translators see what goes where. */
export const ar = {
  language: 'ar',
  counted,
  dates: {
    story: (at: Date, now: Date, timeZone: string) => storyWhen('ar', at, now, timeZone, 'الآن'),
    day: (isoDate: string) => dayInWords('ar', isoDate),
    dateTime: (at: Date, timeZone: string) => dateTimeInWords('ar', at, timeZone),
  },
  start: {
    greeting: (name: string) => `أهلاً ${name}! أنا «خلاصة»: أقرأ أخبار «الشرق الأوسط» وأرسل لك خلاصتها.\nاشتركتَ في النشرة اليومية. اكتب /latest لآخر الأخبار أو /help لكل الأوامر.`,
    again: (name: string) => `أهلاً من جديد ${name}! اشتراكك قائم. اكتب /latest لآخر الأخبار أو /help لكل الأوامر.`,
  },
  help: {
    title: 'الأوامر المتاحة:',
    footer: 'الأخبار من صفحات «الشرق الأوسط»، وكل خلاصة تُكتب مرة واحدة لكل خبر.',
  },
  /** Shown in /help and in Telegram's command menu: [command, usage, description]. */
  commands: [
    ['start', '/start', 'الاشتراك والترحيب'],
    ['latest', '/latest [عدد] [#تصنيف]', 'آخر الأخبار مع خلاصة لكل خبر (5 افتراضياً، 10 على الأكثر)، حسب مواضيعك أو #تصنيف لمرة واحدة'],
    ['subscribe', '/subscribe [HH:MM]', 'الاشتراك في النشرة اليومية (08:00 افتراضياً)'],
    ['unsubscribe', '/unsubscribe', 'إلغاء الاشتراك في النشرة اليومية'],
    ['time', '/time HH:MM', 'موعد النشرة اليومية بتوقيتك المحلي'],
    ['timezone', '/timezone Asia/Riyadh', 'منطقتك الزمنية (من قاعدة IANA)'],
    ['digest', '/digest', 'معاينة نشرتك الآن'],
    ['topics', '/topics', 'التصنيفات والأقسام مع أزرار المتابعة'],
    ['follow', '/follow <تصنيف أو قسم أو كلمة>', 'متابعة موضوع، مثل /follow روسيا أو /follow #رياضة'],
    ['unfollow', '/unfollow <موضوع>', 'إلغاء متابعة موضوع أو إلغاء كتمه'],
    ['mute', '/mute <موضوع>', 'إخفاء موضوع من آخر الأخبار والنشرة، مثل /mute كرة'],
    ['mytopics', '/mytopics', 'المواضيع التي تتابعها أو تكتمها'],
    ['search', '/search <كلمات>', 'البحث في الأخبار'],
    ['story', '/story <رقم الخبر>', 'الخبر وحده: خلاصة أطول والنص الكامل والمصدر'],
    ['related', '/related <رقم الخبر>', 'أخبار ذات صلة بخبر'],
    ['feeds', '/feeds', 'المصادر المتابَعة وآخر نجاح وخطأ لكل منها (للمشرفين)'],
    ['addfeed', '/addfeed <رابط> [اسم]', 'إضافة خلاصة RSS أو Atom تُجلب دورياً (للمشرفين)'],
    ['removefeed', '/removefeed <رابط>', 'إيقاف جلب خلاصة؛ أخبارها المخزنة تبقى (للمشرفين)'],
    ['help', '/help', 'هذه القائمة'],
  ] as [string, string, string][],
  latest: {
    header: (n: number) => plural('ar', n, latestHeader),
    empty: 'لا توجد أخبار بعد. أضف صفحات إلى مجلد seeds/ ثم أعد المحاولة.',
    usage: 'الاستخدام: /latest [عدد من 1 إلى 10] [#تصنيف]، مثل /latest 3 أو /latest #رياضة',
    noSummary: 'لا تتوفر خلاصة بعد.',
    noneMatching: 'لا أخبار تطابق مواضيعك الآن. راجعها بـ /mytopics أو جرّب /latest #رياضة.',
    filtered: 'حسب مواضيعك (/mytopics)',
    noneInTopic: (topic: string) => `لا أخبار في «${topic}» الآن. جرّب موضوعاً آخر من /topics.`,
    filteredOnce: (topic: string) => `«${topic}» لهذه المرة فقط؛ مواضيعك المحفوظة لم تتغير (/mytopics)`,
    openHint: 'اضغط على خبر لفتحه:',
  },
  story: {
    /** Outlet names by source id; a seed page is an Asharq Al-Awsat page. */
    outlets: { aawsat: 'الشرق الأوسط', page: 'الشرق الأوسط', alarabia: 'العربية', skynews: 'سكاي نيوز عربية', france24: 'فرانس 24', cnn: 'سي إن إن' } as Record<string, string>,
    moreOutlets: (n: number) => `و${counted.otherOutlets(n)}`,
    fullText: '📄 النص الكامل',
    related: '🔗 ذات صلة',
    source: '🌐 المصدر',
    share: '↗️ شارك',
    stubOnly: 'عرفنا هذا الخبر من قائمة «ذات صلة» في صفحة أخرى؛ نصه الكامل ليس عندنا بعد.',
    page: (n: number, total: number) => `الصفحة ${n} من ${total}`,
    usage: 'الاستخدام: /story <رقم الخبر>، والرقم يظهر أسفل الخبر عند فتحه.',
    unknown: (id: string) => `لا أعرف خبراً بالرقم «${id}». الرقم 12 حرفاً من 0-9 وa-f ويظهر عند فتح الخبر.`,
    noText: 'لا نص كاملاً لهذا الخبر.',
    pageGone: 'هذه الصفحة لم تعد موجودة. افتح الخبر من جديد.',
  },
  subscribe: {
    done: (time: string, zone: string) => `تم الاشتراك ✅ ستصلك النشرة اليومية كل يوم الساعة ${time} بتوقيت ${zone}.\nغيّر الموعد بـ /time والمنطقة الزمنية بـ /timezone، وألغِ الاشتراك بـ /unsubscribe.`,
    already: (time: string, zone: string) => `أنت مشترك بالفعل، وتصلك النشرة الساعة ${time} بتوقيت ${zone}. لتغيير الموعد: /time HH:MM`,
    alreadyMoved: (time: string, zone: string) => `أنت مشترك بالفعل؛ نقلتُ موعد نشرتك إلى الساعة ${time} بتوقيت ${zone}.`,
    usage: 'الاستخدام: /subscribe [HH:MM]، مثل /subscribe أو /subscribe 07:30',
    notSubscribed: 'لست مشتركاً بعد. اشترك أولاً بـ /subscribe.',
    unsubscribed: 'تم إلغاء اشتراكك في النشرة اليومية. يمكنك العودة متى شئت بـ /subscribe.',
    notToUnsubscribe: 'لست مشتركاً في النشرة اليومية، فلا شيء لإلغائه. للاشتراك: /subscribe',
    timeUsage: 'الاستخدام: /time HH:MM بنظام 24 ساعة، مثل /time 07:30',
    badTime: (text: string) => `«${text}» ليس وقتاً صحيحاً: الساعة من 00 إلى 23 والدقائق من 00 إلى 59، مثل /time 07:30`,
    timeSet: (time: string, zone: string, next: string) => `تم ✅ ستصلك النشرة الساعة ${time} بتوقيت ${zone}. النشرة القادمة: ${next}.`,
    zoneUsage: (zone: string) => `الاستخدام: /timezone <منطقة زمنية>، مثل /timezone Asia/Riyadh. منطقتك الآن: ${zone}`,
    badZone: (text: string) => `«${text}» ليست منطقة زمنية معروفة. اكتب اسماً من قاعدة IANA مثل Asia/Riyadh أو Africa/Cairo أو Europe/London.`,
  },
  digest: {
    header: (date: string, n: number) => `🗞️ نشرة خلاصة — ${date} (${counted.stories(n)})`,
    preview: 'معاينة: هكذا ستبدو نشرتك لو أُرسلت الآن (لا يُحتسب هذا إرسالاً).',
    previewEmpty: 'لا أخبار جديدة لنشرتك الآن. جرّب /latest لآخر الأخبار.',
  },
  stats: {
    report: (s: { articles: number, removed: number, subscribers: number, sentToday: number, failures: string, tokens: string, queued: number }) => [
      '📊 إحصاءات خلاصة',
      `المقالات المحفوظة: ${s.articles}`,
      `أُزيلت لقِدمها: ${s.removed}`,
      `المشتركون النشطون: ${s.subscribers}`,
      `نشرات أُرسلت اليوم (UTC): ${s.sentToday}`,
      `في الطابور الآن: ${s.queued}`,
      `الإخفاقات اليوم: ${s.failures}`,
      `رموز النموذج اللغوي (مدخلات + مخرجات): ${s.tokens}`,
    ].join('\n'),
    failureNames: { rateLimited: '429', blocked: '403 حظر', badRequest: '400 طلب خاطئ', transient: 'شبكة/5xx', gaveUp: 'تُخلّي عنها' } as Record<string, string>,
    none: 'لا شيء',
  },
  chat: {
    privateOnly: 'أعمل في المحادثات الخاصة فقط: افتح محادثة خاصة معي لتشترك في النشرة أو تطلب الأخبار.',
    adminsOnly: 'هذا الأمر للمشرفين فقط.',
    /** The one reply a chat gets when it sends faster than its budget; silence follows until the budget refills. */
    slowDown: 'تمهّل قليلاً: رسائلك أسرع مما أستطيع الرد عليه. أعد المحاولة بعد بضع ثوانٍ.',
  },
  topics: {
    /** Category names as users see and type them (#رياضة). */
    names: { middleEast: 'شؤون عربية', internationalNews: 'دولي', economy: 'اقتصاد', sport: 'رياضة', technology: 'علوم وصحة وتقنية', culture: 'ثقافة', news: 'أخبار سياسية' },
    header: (total: number) => `🗂️ التصنيفات (${counted.stories(total)}). اضغط للمتابعة أو إلغائها:`,
    sectionsHeader: 'الأقسام:',
    button: (name: string, count: number, following: boolean) => `${following ? '✅' : '➕'} ${name} (${count})`,
    followed: (name: string) => `تمت متابعة «${name}»`,
    unfollowed: (name: string) => `أُلغيت متابعة «${name}»`,
    stale: 'هذا الزر قديم أو غير صالح. اكتب /topics من جديد.',
  },
  follow: {
    usage: (command: string) => `الاستخدام: /${command} <تصنيف أو قسم أو كلمة>، مثل /${command} روسيا أو /${command} #رياضة. القائمة: /topics`,
    tooLong: (max: number) => `الموضوع أطول من ${counted.characters(max)}. اختصره إلى كلمة أو كلمتين.`,
    noWords: 'لم أجد في ما كتبت كلمة يمكن متابعتها (كلمات شائعة جداً أو رموز فقط). جرّب اسماً أو كلمة محددة.',
    followed: (label: string) => `✅ تتابع الآن «${label}». سيعرض /latest والنشرة ما يطابقه.`,
    muted: (label: string) => `🔇 كتمتَ «${label}»: لن يظهر في /latest ولا في النشرة.`,
    already: (label: string) => `«${label}» موجود في قائمتك بالفعل.`,
    removed: (label: string) => `أُزيل «${label}» من قائمتك.`,
    notFound: (label: string) => `«${label}» ليس في قائمتك. اكتب /mytopics لترى ما تتابعه.`,
    full: (max: number) => `قائمتك ممتلئة (${counted.topics(max)}). أزل موضوعاً بـ /unfollow أولاً.`,
    mineEmpty: 'لا تتابع ولا تكتم أي موضوع. ابدأ بـ /topics أو /follow روسيا.',
    mineFollow: 'تتابع:',
    mineMute: 'تكتم:',
    mineHint: 'لإزالة موضوع اضغط عليه أو اكتب /unfollow <موضوع>.',
    kinds: { category: 'تصنيف', section: 'قسم', keyword: 'كلمة' },
    removeButton: (label: string) => `✖️ ${label}`,
  },
  search: {
    usage: 'الاستخدام: /search <كلمات>، مثل /search سد النهضة',
    tooLong: (max: number) => `البحث أطول من ${counted.characters(max)}. اختصره إلى كلمات قليلة.`,
    noWords: 'لا كلمات يمكن البحث بها: ما كتبته كلمات شائعة جداً أو رموز فقط. جرّب كلمة محددة مثل اسم أو مكان.',
    none: (query: string) => `لا نتائج لـ «${query}». جرّب كلمة أخرى أو صيغة أقصر.`,
    header: (query: string, page: number) => `🔎 نتائج «${query}» — الصفحة ${page}`,
    pageGone: 'لا نتائج في هذه الصفحة. ابدأ البحث من جديد بـ /search.',
    previous: '→ السابق',
    next: 'التالي ←',
    stale: 'انتهت صلاحية هذا البحث. اكتب /search من جديد.',
    gone: 'لم يعد هذا الخبر متاحاً.',
    invalid: 'هذا الزر غير صالح.',
  },
  related: {
    usage: 'الاستخدام: /related <رقم الخبر>، والرقم يظهر عند فتح الخبر. أو اضغط زر «ذات صلة» في الخبر.',
    unknown: (id: string) => `لا أعرف خبراً بالرقم «${id}». الرقم 12 حرفاً من 0-9 وa-f ويظهر عند فتح الخبر.`,
    title: (title: string) => `🔗 مقالات ذات صلة بـ «${title}»:`,
    none: 'لا مقالات ذات صلة بهذا الخبر بعد.',
    fromPublisher: 'اختيار الناشر',
    /** Joins «و7 تقارير مشابهة» to the date before it. */
    and: '، ',
    similar: (n: number) => `و${counted.similarReports(n)}`,
    alsoIn: (n: number) => `الخبر نفسه في ${counted.otherOutlets(n)}.`,
    storyId: (id: string) => `رقم الخبر: ${id}`,
  },
  inline: {
    tooLong: 'البحث طويل جداً',
    noWords: 'كلمات شائعة فقط: اكتب كلمة محددة',
    unknownTopic: 'تصنيف غير معروف: جرّب #رياضة أو #اقتصاد',
    none: 'لا نتائج',
    readMore: 'اقرأ الخبر',
  },
  feeds: {
    empty: 'لا مصادر متابَعة بعد. أضف خلاصة بـ /addfeed <رابط RSS أو Atom>.',
    header: (count: number) => `📡 المصادر المتابَعة (${count})`,
    origin: { config: 'من الإعدادات', added: 'أُضيف من المحادثة' } as Record<'config' | 'added', string>,
    lastSuccess: (time: string, items: number) => `✅ آخر جلب ناجح: ${time} (عدد العناصر: ${items})`,
    neverSucceeded: '⏳ لم يُجلب بنجاح بعد',
    lastError: (time: string) => `⚠️ آخر خطأ ${time}:`,
    failing: (failures: number, next: string) => `🔁 إخفاقات متتالية: ${failures}؛ المحاولة التالية ${next}`,
    addUsage: 'الاستخدام: /addfeed <رابط RSS أو Atom> [اسم]، مثل /addfeed https://example.com/rss.xml alarabia',
    removeUsage: 'الاستخدام: /removefeed <رابط>. القائمة: /feeds',
    badUrl: (text: string) => `«${text}» ليس رابطاً صالحاً: أرسل رابطاً يبدأ بـ http:// أو https://`,
    credentials: 'لا تُقبل روابط فيها اسم مستخدم أو كلمة مرور: الخلاصات تُجلب بلا بيانات دخول. أرسل الرابط دونها.',
    refused: (reason: string) => `لم تُضف الخلاصة: ${reason}.`,
    /** Sent at once; the outcome follows when the first fetch is done. */
    checking: (name: string) => `جارٍ فحص الخلاصة «${name}»… سأخبرك بالنتيجة حين يكتمل الجلب.`,
    badName: (max: number) => `الاسم أطول من ${max} حرفاً: اختر اسماً أقصر بعد الرابط، مثل /addfeed https://example.com/rss.xml alarabia`,
    /** Why a fetch failed, by class; never bytes of the response. */
    failure: {
      address: 'العنوان غير مسموح به لأنه يشير إلى شبكة داخلية أو خاصة',
      credentials: 'الرابط يحوي اسم مستخدم أو كلمة مرور',
      scheme: 'الرابط لا يبدأ بـ http:// أو https://',
      redirects: 'إعادات توجيه كثيرة',
      timeout: 'انتهت المهلة قبل أن تكتمل الإجابة',
      tooLarge: 'الإجابة أكبر من الحد المسموح (FEED_MAX_KB)',
      notFeed: 'ليست خلاصة RSS أو Atom',
      network: 'تعذّر الاتصال بالخادم',
      http: (status: number) => `HTTP ${status}`,
      other: 'خطأ آخر؛ التفاصيل في سجل البوت',
    },
    exists: (url: string) => `هذه الخلاصة متابَعة من قبل: ${url}`,
    added: (name: string, items: number, added: number) => `✅ أُضيفت الخلاصة «${name}» وتُجلب دورياً. أول جلب: عدد العناصر ${items}، الجديد منها ${added}.`,
    addedFailing: (name: string, error: string, next: string) => `أُضيفت الخلاصة «${name}» لكن أول جلب فشل: ${error}
المحاولة التالية ${next}؛ تابع حالتها بـ /feeds.`,
    removed: (name: string) => `أُزيلت الخلاصة «${name}» ولن تُجلب بعد الآن. أخبارها المخزنة باقية.`,
    notFound: 'لا خلاصة متابَعة بهذا الرابط. اكتب /feeds للقائمة.',
    /** Appended to /stats when feeds are polled. */
    stats: ({ total, failing }: { total: number, failing: { name: string, failures: number, lastError?: string }[] }) => (total === 0 ? '' : [
      `\n\n📡 الخلاصات المتابَعة: ${total}، المتعثرة الآن: ${failing.length}`,
      ...failing.map((f) => `• ${f.name} — إخفاقات متتالية: ${f.failures}${f.lastError ? ` (${f.lastError.slice(0, 120)})` : ''}`),
    ].join('\n')),
  },
  errors: {
    generic: 'عذراً، حدث خطأ أثناء تنفيذ طلبك. حاول مرة أخرى بعد قليل.',
    unknownCommand: 'لم أفهم هذا الأمر. اكتب /help لقائمة الأوامر.',
    invalidButton: 'هذا الزر قديم أو غير صالح.',
  },
}

export type Messages = typeof ar
