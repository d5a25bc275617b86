import Parser from 'rss-parser'

export interface FeedItem {
  title?: string
  link?: string
  guid?: string
  /** ISO time, from pubDate (RSS) or published/updated (Atom). */
  publishedAt?: string
  author?: string
  /** The richest body the feed gives: content:encoded, then description/content, then summary; still HTML. */
  html?: string
}

export interface ParsedFeed { title?: string, items: FeedItem[] }

export class FeedFormatProblem extends Error {}

type RawItem = Parser.Item & { 'content:encoded'?: unknown, id?: unknown, author?: unknown, creator?: unknown }

const parser = new Parser<Record<string, unknown>, RawItem>()

/** xml2js leaves an element with attributes as { _: text, $: attributes }. */
const text = (value: unknown): string | undefined => {
  const v = typeof value === 'object' && value !== null && '_' in value ? (value as { _: unknown })._ : value
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined
}

/**
 * RSS 0.9–2.0, RSS 1.0 (RDF) and Atom through rss-parser; an HTML page or broken XML is a FeedFormatProblem.
 * Its message names the class only: the parser's own («Unexpected close tag … Char: I») quotes the
 * document, and a reply quoting it would let /addfeed read pages it was not allowed to show.
 */
export async function parseFeed(body: string, contentType: string | null): Promise<ParsedFeed> {
  const start = body.replace(/^\uFEFF/, '').trimStart().slice(0, 512).toLowerCase()
  const looksXml = /<(rss|feed|rdf:rdf)[\s>]/.test(body.slice(0, 4096).toLowerCase())
  if (!looksXml && (start.startsWith('<!doctype html') || start.startsWith('<html') || /text\/html/i.test(contentType ?? ''))) {
    throw new FeedFormatProblem('not a feed: served an HTML page; is the URL the site rather than its RSS/Atom feed?')
  }
  let feed: Awaited<ReturnType<typeof parser.parseString>>
  try {
    feed = await parser.parseString(body)
  }
  catch (err) {
    throw new FeedFormatProblem(/not recognized/i.test((err as Error).message) ? 'not a feed: neither RSS nor Atom' : 'not a feed: invalid XML')
  }
  return {
    title: text(feed.title),
    items: feed.items.map((item) => {
      const out: FeedItem = {
        title: text(item.title),
        link: text(item.link),
        guid: text(item.guid) ?? text(item.id),
        publishedAt: item.isoDate,
        author: text(item.creator) ?? text(item.author),
        html: text(item['content:encoded']) ?? text(item.content) ?? text(item.summary),
      }
      for (const key of Object.keys(out) as (keyof FeedItem)[]) if (out[key] === undefined) delete out[key]
      return out
    }),
  }
}
