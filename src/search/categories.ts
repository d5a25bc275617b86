/** The six ANT classes, in display order; names shown to users live in i18n (topics.names). */
export const CATEGORIES = ['middleEast', 'internationalNews', 'economy', 'sport', 'technology', 'culture'] as const
export type Category = typeof CATEGORIES[number]

export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value)
}
