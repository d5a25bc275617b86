import { normalizeArabic } from './normalize.js'

/** Asharq Al-Awsat's section names as they stand before a related item's caption. Longest first when matching. */
const SECTIONS = [
  'العالم العربي',
  'الخليج',
  'المشرق العربي',
  'شمال افريقيا',
  'شمال أفريقيا',
  'أوروبا',
  'أفريقيا',
  'آسيا',
  'الأميركتان',
  'أميركا',
  'العالم',
  'اقتصاد',
  'الاقتصاد',
  'رياضة',
  'الرياضة',
  'ثقافة وفنون',
  'يوميات الشرق',
  'صحتك',
  'علوم',
  'تكنولوجيا',
  'إعلام',
  'سينما',
  'مذاقات',
  'سفر وسياحة',
  'عقارات',
  'سيارات',
  'رأي',
  'الرأي',
  'تحقيقات وقضايا',
  'حصاد الأسبوع',
  'كتب',
  'منوعات',
] as const

const byLength = [...SECTIONS].sort((a, b) => b.length - a.length).map((name) => ({ name, key: normalizeArabic(name) }))

/** Splits «أوروبا علم الناتو (رويترز)» into its section and the rest, when the line starts with a known section. */
export function splitSection(line: string): { section: string, rest: string } | undefined {
  const normalized = normalizeArabic(line)
  for (const { name, key } of byLength) {
    if (!normalized.startsWith(`${key} `)) continue
    // Cut by words, not characters: normalisation may have dropped marks from the original.
    const words = line.trim().split(/\s+/)
    return { section: name, rest: words.slice(key.split(' ').length).join(' ') }
  }
  return undefined
}
