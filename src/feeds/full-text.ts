import { Readability } from '@mozilla/readability'
import { parseHTML } from 'linkedom'
import { FetchProblem } from '../net/fetch-problem.js'
import { guardedFetch, type FetchOptions } from '../net/guarded-fetch.js'
import { decodeBody } from './decode-body.js'
import { htmlToParagraphs } from './html-text.js'

/** Less than this is a paywall, a cookie wall or a video page, not an article. */
const MIN_ARTICLE_CHARS = 200

/** The article text of an HTML page, by Mozilla Readability over a linkedom DOM; a reason when there is none. */
function extractArticle(html: string): string[] | string {
  const { document } = parseHTML(html)
  const article = new Readability(document as unknown as Document, { charThreshold: MIN_ARTICLE_CHARS }).parse()
  const paragraphs = htmlToParagraphs(article?.content ?? '')
  const chars = paragraphs.reduce((n, p) => n + p.length, 0)
  return chars >= MIN_ARTICLE_CHARS ? paragraphs : `no article text found (${chars} characters)`
}

/**
 * Fetches a linked page through the guarded client (item links come from someone else's feed, so they may
 * point inside our network) and extracts its text; a reason instead on any failure, never bytes of the page.
 */
export async function fetchFullText(url: string, options: FetchOptions): Promise<string[] | string> {
  try {
    const page = await guardedFetch(url, { ...options, headers: { accept: 'text/html,application/xhtml+xml', ...options.headers } })
    const type = page.headers.get('content-type')
    if (type && !/html|xml/i.test(type)) return 'not an HTML page'
    return extractArticle(decodeBody(page.bytes, type))
  }
  catch (err) {
    if (err instanceof FetchProblem) return err.message
    return 'extraction failed'
  }
}
