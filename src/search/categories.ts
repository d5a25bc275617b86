/** The six ANT classes, in display order; names shown to users live in i18n (topics.names). */
export const CATEGORIES = ['middleEast', 'internationalNews', 'economy', 'sport', 'technology', 'culture'] as const
export type Category = typeof CATEGORIES[number]

/**
 * Political news, side unknown: the label the classifier gives a story that is surely middleEast or internationalNews
 * but not surely which (the outlets themselves draw that line in different places).
 */
export const NEWS = 'news'

/** What a story can carry: a class from its source or the classifier, or «news». */
export type StoryCategory = Category | typeof NEWS

/** The classes «news» covers. */
export const NEWS_CLASSES: readonly Category[] = ['middleEast', 'internationalNews']

export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value)
}

export function isStoryCategory(value: unknown): value is StoryCategory {
  return value === NEWS || isCategory(value)
}
