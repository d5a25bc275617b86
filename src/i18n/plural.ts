/**
 * Number–noun agreement. Arabic has six plural categories (CLDR): zero, one, two, few (3–10, 103–110…),
 * many (11–99, 111…) and other (100–102, 1000…): «لا مصادر», «مصدر واحد», «مصدران», «3 مصادر», «11 مصدراً», «100 مصدر».
 * Each form is a whole phrase, because in Arabic 1 and 2 usually drop the digit.
 */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, (n: number) => string>> & { other: (n: number) => string }

const rules = new Map<string, Intl.PluralRules>()
/** The category of 0–999 per language, asked of Intl once each: select() costs microseconds and every reply counts. */
const categories = new Map<string, Intl.LDMLPluralRule[]>()

function category(language: string, count: number): Intl.LDMLPluralRule {
  let rule = rules.get(language)
  if (!rule) rules.set(language, rule = new Intl.PluralRules(language))
  if (!Number.isInteger(count) || count < 0 || count > 999) return rule.select(count)
  let known = categories.get(language)
  if (!known) categories.set(language, known = [])
  return known[count] ??= rule.select(count)
}

export function plural(language: string, count: number, forms: PluralForms): string {
  const form = forms[category(language, count)] ?? forms.other
  return form(count)
}

/** Arabic forms from the usual three shapes: singular, dual and plural (3–10), with the accusative singular for 11–99. */
export interface ArabicNounForms { zero?: string, one: string, two: string, few: string, many: string, other?: string }

export function arabicNoun({ zero, one, two, few, many, other }: ArabicNounForms): PluralForms {
  return {
    // Zero reads as «لا أخبار» when given, else with the plural of 3–10 («0 مصادر»).
    zero: () => zero ?? `0 ${few}`,
    one: () => one,
    two: () => two,
    few: (n) => `${n} ${few}`,
    many: (n) => `${n} ${many}`,
    // 100, 101, 1000…: the number is followed by the singular in the genitive.
    other: (n) => `${n} ${other ?? one.split(' ')[0]}`,
  }
}

/** English: one or the rest (English has no zero category, so «no stories» is handled in `other`). */
export function englishNoun(singular: string, pluralForm = `${singular}s`, zero?: string): PluralForms {
  return {
    one: (n) => `${n} ${singular}`,
    other: (n) => (n === 0 && zero !== undefined ? zero : `${n} ${pluralForm}`),
  }
}
