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
  errors: {
    generic: 'عذراً، حدث خطأ أثناء تنفيذ طلبك. حاول مرة أخرى بعد قليل.',
    unknownCommand: 'لم أفهم هذا الأمر. اكتب /help لقائمة الأوامر.',
  },
}

export type Messages = typeof ar
