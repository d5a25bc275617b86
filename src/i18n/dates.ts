/**
 * Dates as readers say them, in their own time zone: «قبل 3 ساعات» under a day, else «30 نوفمبر»
 * (with the year when it is not this year). Western digits, like every other number the bot shows.
 * `now` is always passed in: the clock belongs to the caller.
 */
const HOUR = 3600_000
const DAY = 24 * HOUR

const locale = (language: string) => (language === 'en' ? 'en-GB' : 'ar')

// Named shapes: the cache key is a short string, not the options serialised on every story shown.
const SHAPES = {
  year: { year: 'numeric' },
  dayMonth: { day: 'numeric', month: 'long' },
  dayMonthYear: { day: 'numeric', month: 'long', year: 'numeric' },
  weekdayDate: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  weekdayDayMonth: { weekday: 'long', day: 'numeric', month: 'long' },
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
} satisfies Record<string, Intl.DateTimeFormatOptions>

// Intl formatters are costly to build and cheap to reuse; a reply shows several dates.
const formats = new Map<string, Intl.DateTimeFormat>()
const relatives = new Map<string, Intl.RelativeTimeFormat>()

function dateFormat(language: string, timeZone: string, shape: keyof typeof SHAPES): Intl.DateTimeFormat {
  const key = `${language}|${timeZone}|${shape}`
  let format = formats.get(key)
  if (!format) {
    if (formats.size > 500) formats.clear()
    formats.set(key, format = new Intl.DateTimeFormat(locale(language), { ...SHAPES[shape], timeZone, numberingSystem: 'latn' }))
  }
  return format
}

function relativeFormat(language: string): Intl.RelativeTimeFormat {
  let format = relatives.get(language)
  if (!format) {
    relatives.set(language, format = new Intl.RelativeTimeFormat(locale(language), { numeric: 'always', numberingSystem: 'latn' } as Intl.RelativeTimeFormatOptions))
  }
  return format
}

const yearIn = (at: Date, timeZone: string) => dateFormat('en', timeZone, 'year').format(at)

/** When a story was published: relative under 24 hours, otherwise the day and month (and year if not this one). */
export function storyWhen(language: string, at: Date, now: Date, timeZone: string, justNow: string): string {
  const age = now.getTime() - at.getTime()
  // A source clock a few minutes ahead is still "just now"; further ahead it is shown as a date.
  if (age < 60_000 && age > -15 * 60_000) return justNow
  if (age > 0 && age < DAY) {
    const [value, unit] = age < HOUR ? [Math.floor(age / 60_000), 'minute' as const] : [Math.floor(age / HOUR), 'hour' as const]
    // ICU says «قبل ساعة واحدة»; a reader says «قبل ساعة».
    if (language === 'ar' && value === 1) return unit === 'hour' ? 'قبل ساعة' : 'قبل دقيقة'
    return relativeFormat(language).format(-value, unit)
  }
  const sameYear = yearIn(at, timeZone) === yearIn(now, timeZone)
  return dateFormat(language, timeZone, sameYear ? 'dayMonth' : 'dayMonthYear').format(at)
}

/** A calendar day («2026-11-30») in words: «الاثنين 30 نوفمبر 2026». */
export function dayInWords(language: string, isoDate: string): string {
  const at = new Date(`${isoDate}T12:00:00Z`)
  if (Number.isNaN(at.getTime())) return isoDate
  return dateFormat(language, 'UTC', 'weekdayDate').format(at)
}

/** An instant as a day and a 24-hour time in the reader's zone: «الاثنين 30 نوفمبر، 08:00». */
export function dateTimeInWords(language: string, at: Date, timeZone: string): string {
  const day = dateFormat(language, timeZone, 'weekdayDayMonth').format(at)
  const time = dateFormat(language, timeZone, 'time').format(at)
  return `${day}${language === 'en' ? ', ' : '، '}${time}`
}
