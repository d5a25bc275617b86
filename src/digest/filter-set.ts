import type { Article } from '../articles/types.js'

/** A subscriber's topic filter: a key shared by everyone with the same filters, and the test itself. */
export interface FilterSet { key: string, matches: (article: Article) => boolean }
