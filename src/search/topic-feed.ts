import type { ArticleStore } from '../articles/article-store.js'
import type { Article } from '../articles/types.js'
import { categoriesOf, compileFilters, type TopicCategory, type TopicFilters } from './filters.js'
import type { SearchIndex } from './search-index.js'

/** Above this many candidates a topic is common enough that scanning newest-first finds a page at once. */
const CANDIDATE_CAP = 1500

const isFull = (a: Article) => a.kind === 'full'

/**
 * Newest stories that pass the filters. Follows of rare topics are looked up in the index (category, section and
 * keyword membership) and sorted by time; common topics and mute-only filters scan the newest-first list.
 */
export function latestMatching(
  { articles, index }: { articles: Pick<ArticleStore, 'latest' | 'get'>, index: SearchIndex },
  limit: number,
  filters: TopicFilters | undefined,
  accept: (a: Article) => boolean = isFull,
): Article[] {
  const matches = compileFilters(filters)
  const candidates = followCandidates(index, filters)
  // Written out twice rather than named: a closure assigned to a name costs a defineProperty per /latest under tsx.
  if (!candidates) return articles.latest(limit, (a) => accept(a) && matches(a, index.get(a.id)?.stems))
  return [...candidates]
    .flatMap((id) => {
      const a = articles.get(id)
      return a && accept(a) && matches(a, index.get(id)?.stems) ? [{ a, t: index.get(id)?.time ?? 0 }] : []
    })
    .sort((x, y) => y.t - x.t || x.a.seq - y.a.seq)
    .slice(0, limit)
    .map(({ a }) => a)
}

function followCandidates(index: SearchIndex, filters: TopicFilters | undefined): Set<string> | undefined {
  if (!filters || filters.follow.length === 0) return undefined
  const out = new Set<string>()
  for (const topic of filters.follow) {
    const groups: Iterable<string>[] = topic.kind === 'category'
      ? categoriesOf(topic.key as TopicCategory).map((c) => index.inCategory(c))
      : [topic.kind === 'section' ? index.inSection(topic.key) : index.searchAll(topic.key.split(' '), CANDIDATE_CAP + 1)]
    const size = groups.reduce((n, g) => n + ((g as ReadonlySet<string>).size ?? (g as string[]).length), 0)
    if (out.size + size > CANDIDATE_CAP) return undefined
    for (const group of groups) for (const id of group) out.add(id)
  }
  return out
}
