import { createHash } from 'node:crypto'
import { normalizeArabic } from '../articles/normalize.js'
import type { Article } from '../articles/types.js'
import { analyze } from './analyzer.js'
import { CATEGORIES, NEWS, type StoryCategory } from './categories.js'
import { LEAD_PARAGRAPHS } from './search-index.js'

/**
 * «news» is the merged class: the outlets disagree on where middleEast ends and internationalNews begins
 * (bench/eval-topics.ts shows the confusion), so users can follow both as one; it also holds the stories the
 * classifier knows are political news without knowing which side.
 */
export const TOPIC_CATEGORIES = [...CATEGORIES, NEWS] as const
export type TopicCategory = typeof TOPIC_CATEGORIES[number]
const GROUPS: Record<TopicCategory, readonly StoryCategory[]> = {
  middleEast: ['middleEast'],
  internationalNews: ['internationalNews'],
  economy: ['economy'],
  sport: ['sport'],
  technology: ['technology'],
  culture: ['culture'],
  news: ['middleEast', 'internationalNews', NEWS],
}

/** The story categories a followed category takes in. */
export function categoriesOf(topic: TopicCategory): readonly StoryCategory[] {
  return GROUPS[topic] ?? []
}

export type TopicKind = 'category' | 'section' | 'keyword'

/** What a subscriber follows or mutes. Keywords are kept as stems and compared as strings, never as patterns. */
export interface Topic {
  kind: TopicKind
  /** category id; normalised section name; keyword stems joined by a space */
  key: string
  /** As the user typed it or as the bot shows it. */
  label: string
}

export interface TopicFilters { follow: Topic[], mute: Topic[] }

export const MAX_TOPICS = 20
export const MAX_TOPIC_CHARS = 64

export const NO_FILTERS: TopicFilters = { follow: [], mute: [] }

export type FilterableArticle = Pick<Article, 'title' | 'paragraphs' | 'section' | 'category'>

/** The stems a keyword is matched against: title and lead, like the search index. */
export function articleStems(article: Pick<Article, 'title' | 'paragraphs'>): Set<string> {
  return new Set(analyze(`${article.title}\n${article.paragraphs.slice(0, LEAD_PARAGRAPHS).join('\n')}`))
}

/**
 * Pure: a muted topic always hides the story; with follows, a story must match one of them; no filters pass all.
 * `article.category` comes from the source or, when the classifier is sure enough, from it (src/search/search-index.ts);
 * a story without one matches no category, followed or muted, but still matches sections and keywords. Callers scanning many
 * articles pass the index's precomputed stems (`core.search.index.get(id)?.stems`) and compile the filters once.
 */
export function matchesFilters(article: FilterableArticle, filters: TopicFilters | undefined, stems?: ReadonlySet<string>): boolean {
  return compileFilters(filters)(article, stems)
}

type Matcher = (article: FilterableArticle, stems: () => ReadonlySet<string>) => boolean

/** The filters as one predicate, so a scan over thousands of stories does no per-story set-up. */
export function compileFilters(filters: TopicFilters | undefined): (article: FilterableArticle, stems?: ReadonlySet<string>) => boolean {
  if (!filters || (filters.follow.length === 0 && filters.mute.length === 0)) return () => true
  const follow = compileTopics(filters.follow)
  const mute = compileTopics(filters.mute)
  return (article, known) => {
    let cached = known
    const stems = () => (cached ??= articleStems(article))
    if (mute && mute(article, stems)) return false
    return !follow || follow(article, stems)
  }
}

function compileTopics(topics: Topic[]): Matcher | undefined {
  if (topics.length === 0) return undefined
  const categories = new Set(topics.filter((t) => t.kind === 'category').flatMap((t) => GROUPS[t.key as TopicCategory] ?? []))
  const sections = new Set(topics.filter((t) => t.kind === 'section').map((t) => t.key))
  const keywords = topics.filter((t) => t.kind === 'keyword').map((t) => t.key.split(' ').filter(Boolean)).filter((words) => words.length > 0)
  return (article, stems) => {
    if (article.category !== undefined && categories.has(article.category as StoryCategory)) return true
    if (sections.size > 0 && article.section !== undefined && sections.has(normalizeArabic(article.section))) return true
    if (keywords.length === 0) return false
    const have = stems()
    return keywords.some((words) => words.every((w) => have.has(w)))
  }
}

export type TopicParse = { topic: Topic } | { error: 'empty' | 'tooLong' | 'noWords' }

/**
 * User text → topic: «#رياضة» or a category name (in any UI language) → category; a known section → section;
 * anything else → keyword stems. `categoryNames` are the display names per language.
 */
export function parseTopic(text: string, categoryNames: Record<TopicCategory, string>[], sections: Iterable<string>): TopicParse {
  const trimmed = text.trim()
  if (trimmed === '' || trimmed === '#') return { error: 'empty' }
  if (trimmed.length > MAX_TOPIC_CHARS) return { error: 'tooLong' }
  const category = categoryFromName(trimmed, categoryNames)
  if (category) return { topic: { kind: 'category', key: category, label: category } }
  const bare = normalizeArabic(trimmed.replace(/^#/, '').replace(/_/g, ' ')).trim()
  for (const section of sections) {
    if (normalizeArabic(section) === bare) return { topic: sectionTopic(section) }
  }
  const stems = analyze(trimmed)
  if (stems.length === 0) return { error: 'noWords' }
  return { topic: { kind: 'keyword', key: [...new Set(stems)].join(' '), label: trimmed.replace(/^#/, '') } }
}

/** «#رياضة», «رياضة», «#شؤون_عربية», «sport», «#economy» → the category; undefined otherwise. */
export function categoryFromName(text: string, categoryNames: Record<TopicCategory, string>[]): TopicCategory | undefined {
  const wanted = normalizeArabic(text.trim().replace(/^#/, '').replace(/_/g, ' ')).replace(/\s+/g, ' ')
  if (wanted === '') return undefined
  for (const category of TOPIC_CATEGORIES) {
    if (normalizeArabic(category) === wanted) return category
    for (const names of categoryNames) {
      const name = normalizeArabic(names[category]).replace(/\s+/g, ' ')
      if (name === wanted || name.replace(/^ال/, '') === wanted.replace(/^ال/, '')) return category
    }
  }
  return undefined
}

export function sectionTopic(name: string): Topic {
  return { kind: 'section', key: normalizeArabic(name), label: name }
}

export function sameTopic(a: Pick<Topic, 'kind' | 'key'>, b: Pick<Topic, 'kind' | 'key'>): boolean {
  return a.kind === b.kind && a.key === b.key
}

/** 8 url-safe characters naming a topic in callback data (a section name alone can exceed 64 bytes). */
export function topicToken(topic: Pick<Topic, 'kind' | 'key'>): string {
  return createHash('sha256').update(`${topic.kind}\u0000${topic.key}`).digest('base64url').slice(0, 8)
}

export type FilterChange = { filters: TopicFilters, outcome: 'added' | 'already' | 'full' | 'removed' | 'notFound' }

/** Follow or mute: a topic sits in one list at a time, so muting a followed topic moves it. */
export function addTopic(filters: TopicFilters, list: 'follow' | 'mute', topic: Topic): FilterChange {
  if (filters[list].some((t) => sameTopic(t, topic))) return { filters, outcome: 'already' }
  const other = list === 'follow' ? 'mute' : 'follow'
  const rest = filters[other].filter((t) => !sameTopic(t, topic))
  if (filters[list].length + rest.length >= MAX_TOPICS) return { filters, outcome: 'full' }
  return { filters: { ...filters, [other]: rest, [list]: [...filters[list], topic] } as TopicFilters, outcome: 'added' }
}

export function removeTopic(filters: TopicFilters, topic: Pick<Topic, 'kind' | 'key'>): FilterChange {
  const follow = filters.follow.filter((t) => !sameTopic(t, topic))
  const mute = filters.mute.filter((t) => !sameTopic(t, topic))
  const removed = follow.length + mute.length < filters.follow.length + filters.mute.length
  return { filters: { follow, mute }, outcome: removed ? 'removed' : 'notFound' }
}

export interface TopicCounts { categories: Record<TopicCategory, number>, sections: [string, number][], total: number }

/** Stories /latest can show (full articles) per category (news = middleEast + internationalNews) and per section. */
export function countTopics(articles: Iterable<Pick<Article, 'category' | 'section' | 'kind'>>): TopicCounts {
  const categories = Object.fromEntries(TOPIC_CATEGORIES.map((c) => [c, 0])) as Record<TopicCategory, number>
  const sections = new Map<string, number>()
  let total = 0
  for (const a of articles) {
    if (a.kind !== 'full') continue
    total++
    for (const c of TOPIC_CATEGORIES) if (GROUPS[c].some((g) => g === a.category)) categories[c]++
    if (a.section) sections.set(a.section, (sections.get(a.section) ?? 0) + 1)
  }
  return { categories, sections: [...sections].sort((a, b) => b[1] - a[1]), total }
}
