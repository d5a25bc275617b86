// Matching only: what users see keeps the text exactly as written.
const ARABIC_INDIC = /[\u0660-\u0669]/g
/** Direction controls, diacritics and tatweel: dropped here, and left out of words by the analyzer. */
export const MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200E\u200F\u202A-\u202E\u2066-\u2069\u061C]/g
const ALEF_FORMS = /[\u0622\u0623\u0625\u0671\u0672\u0673]/g
const PERSIAN_DIGITS = /[\u06F0-\u06F9]/g

// One pass drops what the three dropping rules did one after another (they touch disjoint characters and dropping
// one makes none of the others): every item's whole text is normalised for its hash.
export function normalizeArabic(text: string): string {
  return text
    .normalize('NFKC')
    .replace(MARKS, '')
    .replace(ALEF_FORMS, '\u0627')
    .replace(/\u0649/g, '\u064A')
    .replace(/\u0629/g, '\u0647')
    .replace(ARABIC_INDIC, arabicDigit)
    .replace(PERSIAN_DIGITS, (d) => String(d.charCodeAt(0) - 0x06F0))
    .toLowerCase()
}

/** "٠٧:٣٠" → "07:30": users type counts and times with Arabic-Indic digits. */
export function westernDigits(text: string): string {
  return text.replace(ARABIC_INDIC, arabicDigit)
}

function arabicDigit(d: string): string {
  return String(d.charCodeAt(0) - 0x0660)
}

/** Normalised words: runs of letters and digits in any script. */
export function tokenize(text: string): string[] {
  return normalizeArabic(text).match(/[\p{L}\p{N}]+/gu) ?? []
}

/** The form used to decide that two headlines are the same story. */
export function headlineKey(title: string): string {
  return tokenize(title).join(' ')
}
