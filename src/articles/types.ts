export type ArticleKind = 'full' | 'stub'

export interface Article {
  /** Stable: derived from the normalised headline, so one story seen twice is one article. */
  id: string
  title: string
  paragraphs: string[]
  kind: ArticleKind
  caption?: string
  photoCredit?: string
  section?: string
  author?: string
  city?: string
  url?: string
  /** Where it came from: a seed file name, a corpus name or a feed. */
  source: string
  /** Outlets that carried the story (near-duplicates collapse into one article). */
  outlets: string[]
  /** The publisher's own related list, as article ids. */
  related: string[]
  /** ISO time the source gave, when it gave one. */
  publishedAt?: string
  firstSeenAt: string
  /** Page/file order, for ties between equal times. */
  seq: number
  /** Topic class, when a classifier has labelled it. */
  category?: string
}

export function articleText(article: Pick<Article, 'paragraphs'>): string {
  return article.paragraphs.join('\n\n')
}

/** When the story happened, as far as we know: publishedAt, else when first seen (ms; 0 when unreadable). */
export function storyTime(article: Pick<Article, 'publishedAt' | 'firstSeenAt'>): number {
  return Date.parse(article.publishedAt ?? article.firstSeenAt) || 0
}

/** Newest first: publishedAt when known, else firstSeenAt; then later in file order first. */
export function compareNewestFirst(a: Article, b: Article): number {
  const ta = Date.parse(a.publishedAt ?? a.firstSeenAt)
  const tb = Date.parse(b.publishedAt ?? b.firstSeenAt)
  if (ta !== tb) return tb - ta
  return a.seq - b.seq
}
