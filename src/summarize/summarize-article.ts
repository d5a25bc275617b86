import type { Article } from '../articles/types.js'
import { extractiveSummaries } from './extractive.js'
import { checkFaithful, type Verdict } from './faithfulness.js'
import { endsWhole, startsDangling } from './quality.js'
import { fitSentence, splitSentences } from './sentences.js'
import { tidyParagraphs } from './tidy.js'

/** The one line under a headline in a digest. */
export const DIGEST_LINE_CHARS = 220

export interface Budgets { shortChars: number, longChars: number, digestChars?: number }

/** What every summary of an article holds, whichever summarizer made it: whole sentences, no debris. */
export interface SummaryTexts {
  /** Lists and digests: at most 2 sentences within shortChars. */
  short: string
  /** A single story, within longChars. */
  long: string
  /** The digest's line: one sentence within digestChars (cut at a clause, never mid-sentence). */
  digest: string
}

type Summarizable = Pick<Article, 'title' | 'paragraphs'> & { caption?: string }

/** The offline summaries of an article, all three from one ranking of its sentences. */
export function extractiveTexts(article: Summarizable, { shortChars, longChars, digestChars = DIGEST_LINE_CHARS }: Budgets): SummaryTexts {
  // A stub has a headline and perhaps a caption: those are its text.
  const paragraphs = article.paragraphs.length > 0 ? article.paragraphs : [article.caption ?? article.title]
  const [short, long, digest] = extractiveSummaries({ title: article.title, paragraphs }, [
    { maxChars: shortChars, maxSentences: 2 },
    { maxChars: longChars },
    { maxChars: digestChars, maxSentences: 1 },
  ]) as [string, string, string]
  return { short: detached(short), long: detached(long), digest: detached(digest) }
}

/**
 * A copy that holds none of the article's text: a sentence cut out of a paragraph is, in V8, a view into it, so a
 * cached summary would keep the whole story in memory after retention removed it (about 60 MB per 20k summaries).
 */
function detached(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8')
}

/** The digest's line for any summary text: its first sentence, shortened at a clause if it is too long. */
export function digestLine(summary: string, maxChars = DIGEST_LINE_CHARS): string {
  const first = splitSentences(tidyParagraphs([summary]).join(' '))[0]
  if (!first) return ''
  return fitSentence(endsWhole(first) ? first : `${first.replace(/[\s،,:؛;.…-]+$/u, '')}.`, maxChars)
}

export type LlmVerdict = { ok: true, text: string } | { ok: false, reason: string }

/**
 * An LLM reply made fit to show, or the reason it is not: tidied, cut back to the whole sentences that fit
 * (a reply stopped by max_tokens loses its unfinished sentence), not opening on a word that points back,
 * and then faithful to the article (checkFaithful).
 */
export function acceptLlmText(reply: string, articleText: string, maxChars: number, maxSentences = 2): LlmVerdict {
  const sentences = splitSentences(tidyParagraphs(reply.split('\n')).join('\n'))
  let text = ''
  for (const s of sentences.slice(0, maxSentences)) {
    if (!endsWhole(s) || text.length + s.length + 1 > maxChars) break
    text = text ? `${text} ${s}` : s
  }
  if (text === '') {
    const reason = sentences.length === 0 ? 'empty reply' : !endsWhole(sentences[0]!) ? 'ends mid-sentence' : `over budget: ${sentences[0]!.length} > ${maxChars} characters`
    return { ok: false, reason }
  }
  if (startsDangling(text)) return { ok: false, reason: 'opens with a word that needs a sentence before it' }
  const verdict: Verdict = checkFaithful(text, articleText, { maxChars, maxSentences })
  return verdict.ok ? { ok: true, text } : verdict
}
