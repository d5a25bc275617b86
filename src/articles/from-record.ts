import { articleId } from './article-id.js'
import { cleanParagraphs, cleanText } from './clean-text.js'
import type { Article } from './types.js'

const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined)

/**
 * A corpus or feed record ({ title, text, author: "city: name", url, published | collected, source, category })
 * as an Article. Returns a reason instead when the record cannot be one.
 */
export function articleFromRecord(record: Record<string, unknown>, defaults: { source: string, seenAt: string }): Article | string {
  // Cleaned before anything reads them: the summary, the index and the id all see what the reader sees.
  const title = cleanText(str(record.title) ?? '')
  const paragraphs = cleanParagraphs(str(record.text)?.split(/\n+/) ?? [])
  if (!title) return 'record has no title'
  if (paragraphs.length === 0) return 'record has no text'
  const [city, name] = splitAuthor(str(record.author))
  const source = str(record.source) ?? defaults.source
  const article: Article = {
    id: articleId(title),
    title,
    paragraphs,
    kind: 'full',
    source,
    outlets: [source],
    related: [],
    firstSeenAt: defaults.seenAt,
    seq: 0,
    url: str(record.url),
    author: name,
    city,
    publishedAt: parseDate(str(record.published) ?? str(record.publishedAt) ?? str(record.collected)),
    category: str(record.category),
    section: str(record.section),
  }
  for (const key of Object.keys(article) as (keyof Article)[]) if (article[key] === undefined) delete article[key]
  return article
}

/** «لندن: رنيم حنوش» → [city, name]; «القاهرة - أحمد» is the ANT shape. */
function splitAuthor(author: string | undefined): [string | undefined, string | undefined] {
  if (!author) return [undefined, undefined]
  const m = /^([^:\-–]{2,30})\s*[:\-–]\s*(.+)$/.exec(author)
  return m ? [m[1]!.trim(), m[2]!.trim()] : [undefined, author]
}

/** RFC 822 (feeds), ISO, or «2015-07-21 02:51:32» taken as UTC. */
function parseDate(value: string | undefined): string | undefined {
  if (!value) return undefined
  const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(value) ? `${value.replace(' ', 'T')}Z` : value
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString()
}
