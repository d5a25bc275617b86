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
    ['latest', '/latest [عدد]', 'آخر الأخبار مع خلاصة لكل خبر (5 افتراضياً، 10 على الأكثر)'],
    ['subscribe', '/subscribe [HH:MM]', 'الاشتراك في النشرة اليومية (08:00 افتراضياً)'],
    ['unsubscribe', '/unsubscribe', 'إلغاء الاشتراك في النشرة اليومية'],
    ['time', '/time HH:MM', 'موعد النشرة اليومية بتوقيتك المحلي'],
    ['timezone', '/timezone Asia/Riyadh', 'منطقتك الزمنية (من قاعدة IANA)'],
    ['digest', '/digest', 'معاينة نشرتك الآن'],
    ['help', '/help', 'هذه القائمة'],
  ] as [string, string, string][],
  latest: {
    header: (count: number) => (count === 1 ? '📰 آخر خبر' : count === 2 ? '📰 آخر خبرين' : `📰 آخر ${count} ${count <= 10 ? 'أخبار' : 'خبراً'}`),
    empty: 'لا توجد أخبار بعد. أضف صفحات إلى مجلد seeds/ ثم أعد المحاولة.',
    usage: 'الاستخدام: /latest [عدد من 1 إلى 10]، مثل /latest 3',
    noSummary: 'لا تتوفر خلاصة بعد.',
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
    header: (date: string, count: number) => `🗞️ نشرة خلاصة — ${date} (${count === 1 ? 'خبر واحد' : count === 2 ? 'خبران' : `${count} ${count <= 10 ? 'أخبار' : 'خبراً'}`})`,
    relatedButton: (n: number) => `${n} · ذات صلة`,
    moreButton: (n: number) => `${n} · المزيد`,
    preview: 'معاينة: هكذا ستبدو نشرتك لو أُرسلت الآن (لا يُحتسب هذا إرسالاً).',
    previewEmpty: 'لا أخبار جديدة لنشرتك الآن. جرّب /latest لآخر الأخبار.',
    relatedTitle: (title: string) => `أخبار ذات صلة بـ «${title}»:`,
    relatedNone: 'لا أخبار ذات صلة بهذا الخبر بعد.',
    gone: 'لم يعد هذا الخبر متاحاً.',
  },
  stats: {
    refused: 'هذا الأمر للمشرفين فقط.',
    report: (s: { articles: number, subscribers: number, sentToday: number, failures: string, tokens: string, queued: number }) => [
      '📊 إحصاءات خلاصة',
      `المقالات: ${s.articles}`,
      `المشتركون النشطون: ${s.subscribers}`,
      `نشرات أُرسلت اليوم (UTC): ${s.sentToday}`,
      `في الطابور الآن: ${s.queued}`,
      `الإخفاقات اليوم: ${s.failures}`,
      `رموز النموذج اللغوي: ${s.tokens}`,
    ].join('\n'),
    noTokenCounter: 'غير متاح (لا عدّاد للنموذج اللغوي)',
    failureNames: { rateLimited: '429', blocked: '403 حظر', badRequest: '400 طلب خاطئ', transient: 'شبكة/5xx', gaveUp: 'تُخلّي عنها' } as Record<string, string>,
    none: 'لا شيء',
  },
  chat: {
    privateOnly: 'أعمل في المحادثات الخاصة فقط: افتح محادثة خاصة معي لتشترك في النشرة أو تطلب الأخبار.',
  },
  errors: {
    generic: 'عذراً، حدث خطأ أثناء تنفيذ طلبك. حاول مرة أخرى بعد قليل.',
    unknownCommand: 'لم أفهم هذا الأمر. اكتب /help لقائمة الأوامر.',
  },
}

export type Messages = typeof ar
