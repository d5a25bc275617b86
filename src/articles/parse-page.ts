import { articleId } from './article-id.js'
import { cleanLines, cleanParagraphs, cleanText } from './clean-text.js'
import { normalizeArabic } from './normalize.js'
import { parseRelatedBlock, type RelatedItem } from './parse-related.js'
import type { Article } from './types.js'

export interface ParseOptions {
  /** Shown in problems and kept as the articles' source. */
  source: string
  /** ISO time the page was read; the page itself carries no dates. */
  seenAt: string
  /** First sequence number to hand out, so order holds across files. */
  seqStart?: number
}

export interface ParsedPage {
  articles: Article[]
  /** One line each, naming the line number where it applies. */
  problems: string[]
}

interface Line { text: string, no: number }

const FONT_BUTTON = 'TT'
const RELATED_HEADING = normalizeArabic('مقالات ذات صلة')
const CAPTION = /^(.*?)\s*\(([^()]+)\)$/

/** Parses the text of an Asharq Al-Awsat article page: full articles, their related stubs and the links between them. */
export function parsePage(text: string, options: ParseOptions): ParsedPage {
  const lines: Line[] = cleanLines(text)
    .map((t, i) => ({ text: t, no: i + 1 }))
    .filter((l) => l.text !== '')
  const problems: string[] = []
  const markers = lines.flatMap((l, i) => (l.text === FONT_BUTTON ? [i] : []))
  const starts = markers.map((m) => headerStart(lines, m))
  const out = new ArticleCollector(options)

  if (markers.length === 0) {
    if (lines.length > 0) problems.push(`${options.source}:${lines[0]!.no}: no article header (headline, caption, TT) found; read as headline + paragraphs`)
    if (lines.length > 0) out.full({ title: lines[0]!.text, body: lines.slice(1).map((l) => l.text) })
    return { articles: out.articles, problems }
  }
  if (starts[0]! > 0) problems.push(`${options.source}:${lines[0]!.no}: ${starts[0]} line(s) before the first headline skipped`)

  markers.forEach((marker, k) => {
    const start = starts[k]!
    const end = starts[k + 1] ?? lines.length
    const title = lines[start]!.text
    const caption = lines[marker - 1] && marker - 1 > start ? lines[marker - 1]!.text : undefined
    let i = marker + 1
    while (i < end && (lines[i]!.text === title || lines[i]!.text === caption)) i++
    const relatedAt = lines.slice(i, end).findIndex((l) => normalizeArabic(l.text) === RELATED_HEADING)
    const bodyEnd = relatedAt === -1 ? end : i + relatedAt
    const body = lines.slice(i, bodyEnd).map((l) => l.text)
    if (body.length === 0) problems.push(`${options.source}:${lines[marker]!.no}: article «${title}» has no body (page cut off?); kept as a stub`)
    const related = relatedAt === -1
      ? []
      : parseRelatedBlock(lines.slice(bodyEnd + 1, end), (no, why) => problems.push(`${options.source}:${no}: ${why}`))
    out.full({ title, body, caption, related })
  })
  return { articles: out.articles, problems }
}

/** The headline sits before the caption, which the page prints twice before the TT button. */
function headerStart(lines: Line[], marker: number): number {
  const caption = lines[marker - 1]?.text
  let i = marker - 1
  if (lines[i - 1]?.text === caption) i--
  return Math.max(0, i - 1)
}

function splitCaption(line: string | undefined): { caption?: string, photoCredit?: string } {
  if (!line) return {}
  const m = CAPTION.exec(line)
  return m ? { caption: m[1] || undefined, photoCredit: m[2]!.trim() } : { caption: line }
}

class ArticleCollector {
  readonly articles: Article[] = []
  private seq: number
  constructor(private readonly options: ParseOptions) {
    this.seq = options.seqStart ?? 0
  }

  full(part: { title: string, body: string[], caption?: string, related?: RelatedItem[] }): void {
    const stubs = (part.related ?? []).map((item) => this.make({
      title: item.title,
      paragraphs: cleanParagraphs(item.lede ? [item.lede] : []),
      kind: 'stub',
      section: item.section,
      author: item.author,
      city: item.city,
      ...splitCaption(item.caption),
    }))
    const body = cleanParagraphs(part.body)
    const article = this.make({
      title: part.title,
      paragraphs: body,
      kind: body.length > 0 ? 'full' : 'stub',
      ...splitCaption(part.caption),
    })
    article.related = [...new Set(stubs.map((s) => s.id))].filter((id) => id !== article.id)
    this.articles.push(article, ...stubs)
  }

  /** Headline and caption are cleaned here, before the id is taken from the headline; paragraphs come cleaned. */
  private make(fields: Pick<Article, 'title' | 'paragraphs' | 'kind'> & Partial<Article>): Article {
    const { source, seenAt } = this.options
    const title = cleanText(fields.title)
    const caption = fields.caption === undefined ? undefined : cleanText(fields.caption) || undefined
    const article: Article = { source, outlets: [source], related: [], firstSeenAt: seenAt, seq: this.seq++, ...fields, id: articleId(title), title, caption }
    for (const key of Object.keys(article) as (keyof Article)[]) if (article[key] === undefined) delete article[key]
    return article
  }
}
