import { Composer } from 'telegraf'
import type { InlineQueryResult } from 'telegraf/types'
import { articleId } from '../src/articles/article-id.js'
import type { Article } from '../src/articles/types.js'
import type { Core } from '../src/core.js'
import { categoryFromName } from '../src/search/filters.js'
import { latestMatching } from '../src/search/topic-feed.js'
import { ALL_CATEGORY_NAMES } from '../src/i18n/topic-labels.js'
import type { BotContext } from '../src/telegram/context.js'
import { keepJson } from '../src/telegram/bot-api-client.js'
import { clip, escapeHtml } from '../src/telegram/format.js'
import { readerOf, type Reader } from '../src/telegram/reader.js'
import { formatStory, storyMetaHtml } from '../src/telegram/story-format.js'
import { checkQuery } from './search.js'

/** Telegram allows 50 results per answer; 20 keep the answer small and the next page one scroll away. */
const INLINE_PAGE = 20
const MAX_OFFSET = 1000
const INLINE_CACHE_SECONDS = 60
const DESCRIPTION_MAX = 180
/** Until the summarizer has run, the opening paragraph stands in, cut so the message stays far under 4096. */
const SUMMARY_FALLBACK_MAX = 400

/**
 * @bot query in any chat, answered from the index and stored summaries only (never an LLM call):
 * empty → latest stories, «#رياضة» → that category, other text → search. next_offset is the next start index.
 */
export function inlineHandler(deps: Pick<Core, 'articles' | 'summaries' | 'search' | 'profiles' | 'clock' | 'config'>) {
  const { articles, summaries, search } = deps
  return new Composer<BotContext>().on('inline_query', async (ctx) => {
    const raw = ctx.inlineQuery.query
    const offset = parseOffset(ctx.inlineQuery.offset)
    let page: Article[]
    let more: boolean
    const trimmed = raw.trim()
    if (trimmed === '' || trimmed.startsWith('#')) {
      const category = trimmed === '' ? undefined : categoryFromName(trimmed, ALL_CATEGORY_NAMES)
      if (trimmed !== '' && !category) return void await hint(ctx, ctx.t.inline.unknownTopic)
      const filters = category ? { follow: [{ kind: 'category' as const, key: category, label: category }], mute: [] } : undefined
      const stories = latestMatching({ articles, index: search.index }, offset + INLINE_PAGE + 1, filters)
      page = stories.slice(offset, offset + INLINE_PAGE)
      more = stories.length > offset + INLINE_PAGE
    }
    else {
      const check = checkQuery(raw)
      if (!check.ok) return void await hint(ctx, check.reason === 'tooLong' ? ctx.t.inline.tooLong : ctx.t.inline.noWords)
      const ids = search.index.search(check.query, INLINE_PAGE + 1, offset)
      // «شارك» in a story view puts its headline here: that very story comes first.
      const exact = offset === 0 ? articles.get(articleId(check.query)) : undefined
      const extra = exact && !ids.slice(0, INLINE_PAGE).includes(exact.id) ? 1 : 0
      const ordered = exact ? [exact.id, ...ids.filter((id) => id !== exact.id)] : ids
      page = ordered.slice(0, INLINE_PAGE + extra).flatMap((id) => articles.get(id) ?? [])
      more = ids.length > INLINE_PAGE
    }
    ctx.log.info({ results: page.length, offset }, 'inline query')
    if (page.length === 0) return void await hint(ctx, ctx.t.inline.none)
    const found = await summaries.getMany(page)
    const reader = await readerOf(ctx, deps)
    const results = page.map((article, i) => inlineResult(article, found[i]?.short, reader))
    const next = more && offset + INLINE_PAGE < MAX_OFFSET ? String(offset + INLINE_PAGE) : ''
    await ctx.answerInlineQuery(results, { cache_time: INLINE_CACHE_SECONDS, next_offset: next })
  })
}

/**
 * One story as an inline result, kept per article object and language with the summary and date line it was
 * made from: a changed story is a new object, a changed summary or date line makes it again.
 */
function inlineResult(article: Article, short: string | undefined, reader: Reader): InlineQueryResult {
  const { t } = reader
  let entry = results.get(article)
  if (!entry) results.set(article, entry = {})
  const meta = storyMetaHtml(article, reader)
  const kept = entry[t.language]
  if (kept && kept.short === short && kept.meta === meta) return kept.result
  const summary = short ?? clip(article.paragraphs[0] ?? '', SUMMARY_FALLBACK_MAX)
  const link = article.url ? `\n<a href="${escapeHtml(article.url)}">${escapeHtml(t.inline.readMore)}</a>` : ''
  // Final from here on: the Bot API client sends its JSON as made once.
  const result: InlineQueryResult = keepJson({
    type: 'article',
    id: article.id,
    title: article.title.slice(0, 200),
    description: summary.slice(0, DESCRIPTION_MAX),
    input_message_content: {
      message_text: `${formatStory(article, summary, reader)}${link}`,
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
    },
    ...(article.url ? { url: article.url } : {}),
  })
  entry[t.language] = { short, meta, result }
  return result
}

const results = new WeakMap<Article, Record<string, { short: string | undefined, meta: string, result: InlineQueryResult }>>()

/** No results, and a button that opens the bot's help with why. */
function hint(ctx: BotContext, text: string) {
  return ctx.answerInlineQuery([], { cache_time: INLINE_CACHE_SECONDS, button: { text, start_parameter: 'help' } })
}

/** Our own next_offset comes back as a small number; anything else starts from the top. */
function parseOffset(offset: string): number {
  if (!/^\d{1,4}$/.test(offset)) return 0
  return Math.min(Number(offset), MAX_OFFSET)
}
