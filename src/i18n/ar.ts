/** Arabic number–noun agreement: خبر واحد، خبران، 3–10 أخبار، 11+ خبراً. */
function stories(count: number): string {
  if (count === 0) return 'لا أخبار'
  if (count === 1) return 'خبر واحد'
  if (count === 2) return 'خبران'
  return `${count} ${count <= 10 ? 'أخبار' : 'خبراً'}`
}

/** Every Arabic string the bot shows. Placeholders are functions so translators see what goes where. */
export const ar = {
  language: 'ar',
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
    ['related', '/related <رقم الخبر>', 'أخبار ذات صلة بخبر'],
    ['feeds', '/feeds', 'المصادر المتابَعة وآخر نجاح وخطأ لكل منها (للمشرفين)'],
    ['addfeed', '/addfeed <رابط> [اسم]', 'إضافة خلاصة RSS أو Atom تُجلب دورياً (للمشرفين)'],
    ['removefeed', '/removefeed <رابط>', 'إيقاف جلب خلاصة؛ أخبارها المخزنة تبقى (للمشرفين)'],
    ['help', '/help', 'هذه القائمة'],
  ] as [string, string, string][],
  latest: {
    header: (count: number) => (count === 1 ? '📰 آخر خبر' : count === 2 ? '📰 آخر خبرين' : `📰 آخر ${count} ${count <= 10 ? 'أخبار' : 'خبراً'}`),
    empty: 'لا توجد أخبار بعد. أضف صفحات إلى مجلد seeds/ ثم أعد المحاولة.',
    usage: 'الاستخدام: /latest [عدد من 1 إلى 10] [#تصنيف]، مثل /latest 3 أو /latest #رياضة',
    noSummary: 'لا تتوفر خلاصة بعد.',
    noneMatching: 'لا أخبار تطابق مواضيعك الآن. راجعها بـ /mytopics أو جرّب /latest #رياضة.',
    filtered: 'حسب مواضيعك (/mytopics)',
  },
  story: {
    /** Outlet names by source id; a seed page is an Asharq Al-Awsat page. */
    outlets: { aawsat: 'الشرق الأوسط', page: 'الشرق الأوسط', alarabia: 'العربية', skynews: 'سكاي نيوز عربية', france24: 'فرانس 24', cnn: 'سي إن إن' } as Record<string, string>,
    moreOutlets: (count: number) => `+${count} مصادر أخرى`,
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
    header: (date: string, count: number) => `🗞️ نشرة خلاصة — ${date} (${stories(count)})`,
    relatedButton: (n: number) => `${n} · ذات صلة`,
    moreButton: (n: number) => `${n} · المزيد`,
    preview: 'معاينة: هكذا ستبدو نشرتك لو أُرسلت الآن (لا يُحتسب هذا إرسالاً).',
    previewEmpty: 'لا أخبار جديدة لنشرتك الآن. جرّب /latest لآخر الأخبار.',
    relatedTitle: (title: string) => `أخبار ذات صلة بـ «${title}»:`,
    relatedNone: 'لا أخبار ذات صلة بهذا الخبر بعد.',
    gone: 'لم يعد هذا الخبر متاحاً.',
  },
  stats: {
    report: (s: { articles: number, subscribers: number, sentToday: number, failures: string, tokens: string, queued: number }) => [
      '📊 إحصاءات خلاصة',
      `المقالات: ${s.articles}`,
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
  },
  topics: {
    /** Category names as users see and type them (#رياضة). */
    names: { middleEast: 'الشرق الأوسط', internationalNews: 'دولي', economy: 'اقتصاد', sport: 'رياضة', technology: 'تقنية', culture: 'ثقافة', news: 'أخبار سياسية' },
    header: (total: number) => `🗂️ التصنيفات (${stories(total)}). اضغط للمتابعة أو إلغائها:`,
    newsNote: '«أخبار سياسية» تجمع «الشرق الأوسط» و«دولي»: المصادر نفسها تختلف في الفصل بينهما.',
    sectionsHeader: 'الأقسام:',
    button: (name: string, count: number, following: boolean) => `${following ? '✅' : '➕'} ${name} (${count})`,
    followed: (name: string) => `تمت متابعة «${name}»`,
    unfollowed: (name: string) => `أُلغيت متابعة «${name}»`,
    stale: 'هذا الزر قديم أو غير صالح. اكتب /topics من جديد.',
  },
  follow: {
    usage: (command: string) => `الاستخدام: /${command} <تصنيف أو قسم أو كلمة>، مثل /${command} روسيا أو /${command} #رياضة. القائمة: /topics`,
    tooLong: (max: number) => `الموضوع أطول من ${max} حرفاً. اختصره إلى كلمة أو كلمتين.`,
    noWords: 'لم أجد في ما كتبت كلمة يمكن متابعتها (كلمات شائعة جداً أو رموز فقط). جرّب اسماً أو كلمة محددة.',
    followed: (label: string) => `✅ تتابع الآن «${label}». سيعرض /latest والنشرة ما يطابقه.`,
    muted: (label: string) => `🔇 كتمتَ «${label}»: لن يظهر في /latest ولا في النشرة.`,
    already: (label: string) => `«${label}» موجود في قائمتك بالفعل.`,
    removed: (label: string) => `أُزيل «${label}» من قائمتك.`,
    notFound: (label: string) => `«${label}» ليس في قائمتك. اكتب /mytopics لترى ما تتابعه.`,
    full: (max: number) => `قائمتك ممتلئة (${max} موضوعاً). أزل موضوعاً بـ /unfollow أولاً.`,
    mineEmpty: 'لا تتابع ولا تكتم أي موضوع. ابدأ بـ /topics أو /follow روسيا.',
    mineFollow: 'تتابع:',
    mineMute: 'تكتم:',
    mineHint: 'لإزالة موضوع اضغط عليه أو اكتب /unfollow <موضوع>.',
    kinds: { category: 'تصنيف', section: 'قسم', keyword: 'كلمة' },
    removeButton: (label: string) => `✖️ ${label}`,
  },
  search: {
    usage: 'الاستخدام: /search <كلمات>، مثل /search سد النهضة',
    tooLong: (max: number) => `البحث أطول من ${max} حرفاً. اختصره إلى كلمات قليلة.`,
    noWords: 'لا كلمات يمكن البحث بها: ما كتبته كلمات شائعة جداً أو رموز فقط. جرّب كلمة محددة مثل اسم أو مكان.',
    none: (query: string) => `لا نتائج لـ «${query}». جرّب كلمة أخرى أو صيغة أقصر.`,
    header: (query: string, page: number) => `🔎 نتائج «${query}» — الصفحة ${page}. اضغط على خبر لقراءته:`,
    previous: '→ السابق',
    next: 'التالي ←',
    stale: 'انتهت صلاحية هذا البحث. اكتب /search من جديد.',
    gone: 'لم يعد هذا الخبر متاحاً.',
    invalid: 'هذا الزر غير صالح.',
  },
  related: {
    usage: 'الاستخدام: /related <رقم الخبر>، والرقم يظهر عند فتح الخبر. أو اضغط زر «مقالات ذات صلة» تحت الخبر.',
    button: 'مقالات ذات صلة',
    numberedButton: (n: number) => `مقالات ذات صلة ${n}`,
    unknown: (id: string) => `لا أعرف خبراً بالرقم «${id}». الرقم 12 حرفاً من 0-9 وa-f ويظهر عند فتح الخبر.`,
    title: (title: string) => `🔗 مقالات ذات صلة بـ «${title}»:`,
    none: 'لا مقالات ذات صلة بهذا الخبر بعد.',
    fromPublisher: 'اختيار الناشر',
    outlets: (n: number) => `${n} مصادر`,
    notes: (notes: string[]) => notes.join('، '),
    alsoIn: (n: number) => `الخبر نفسه في ${n} ${n === 1 ? 'مصدر آخر' : 'مصادر أخرى'}.`,
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
  },
}

export type Messages = typeof ar
