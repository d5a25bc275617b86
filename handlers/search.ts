import { Composer } from 'telegraf'
import type { InlineKeyboardButton } from 'telegraf/types'
import type { Core } from '../src/core.js'
import { analyze } from '../src/search/analyzer.js'
import type { BotContext } from '../src/telegram/context.js'
import { escapeHtml, isolate } from '../src/telegram/format.js'
import { storyButton } from './related.js'

const MAX_QUERY_CHARS = 256
const PAGE_SIZE = 5
const MAX_PAGES = 20

export type QueryCheck = { ok: true, query: string } | { ok: false, reason: 'empty' | 'tooLong' | 'noWords' }

/** Empty, too long or nothing searchable (stopwords, emoji, punctuation) each get their own reply. */
export function checkQuery(raw: string): QueryCheck {
  const query = raw.trim().replace(/\s+/g, ' ')
  if (query === '') return { ok: false, reason: 'empty' }
  if (query.length > MAX_QUERY_CHARS) return { ok: false, reason: 'tooLong' }
  if (analyze(query).length === 0) return { ok: false, reason: 'noWords' }
  return { ok: true, query }
}

/** /search <words>: results as buttons that open the story, five a page, with previous/next buttons. */
export function searchHandler({ articles, search }: Pick<Core, 'articles' | 'search'>) {
  const composer = new Composer<BotContext>()

  function page(ctx: BotContext, query: string, key: string, n: number) {
    const ids = search.index.search(query, PAGE_SIZE + 1, n * PAGE_SIZE)
    const found = ids.slice(0, PAGE_SIZE).flatMap((id) => articles.get(id) ?? [])
    const hasNext = ids.length > PAGE_SIZE && n + 1 < MAX_PAGES
    const nav: InlineKeyboardButton.CallbackButton[] = []
    if (n > 0) nav.push({ text: ctx.t.search.previous, callback_data: `sp:${key}:${n - 1}` })
    if (hasNext) nav.push({ text: ctx.t.search.next, callback_data: `sp:${key}:${n + 1}` })
    const shown = ctx.t.language === 'ar' ? query : isolate(query)
    const text = escapeHtml(ctx.t.search.header(shown, n + 1))
    const keyboard = [...found.map((a, i) => [storyButton(a, `${n * PAGE_SIZE + i + 1}. `)]), ...(nav.length ? [nav] : [])]
    return { found, text, keyboard }
  }

  composer.command('search', async (ctx) => {
    const check = checkQuery(ctx.payload)
    if (!check.ok) {
      const reply = { empty: ctx.t.search.usage, tooLong: ctx.t.search.tooLong(MAX_QUERY_CHARS), noWords: ctx.t.search.noWords }[check.reason]
      ctx.log.info({ reason: check.reason }, 'search refused')
      return void await ctx.reply(reply)
    }
    const key = search.queries.remember(check.query)
    const result = page(ctx, check.query, key, 0)
    ctx.log.info({ results: result.found.length }, 'search')
    if (result.found.length === 0) return void await ctx.reply(ctx.t.search.none(check.query))
    await ctx.replyWithHTML(result.text, { reply_markup: { inline_keyboard: result.keyboard } })
  })

  composer.action(/^sp:([\w-]{10}):(\d{1,2})$/, async (ctx) => {
    const query = search.queries.recall(ctx.match[1]!)
    const n = Number(ctx.match[2])
    if (query === undefined || n >= MAX_PAGES) return void await ctx.answerCbQuery(ctx.t.search.stale)
    const result = page(ctx, query, ctx.match[1]!, n)
    if (result.found.length === 0) return void await ctx.answerCbQuery(ctx.t.search.stale)
    await ctx.answerCbQuery()
    await ctx.editMessageText(result.text, { parse_mode: 'HTML', reply_markup: { inline_keyboard: result.keyboard } })
  })

  composer.action(/^sp:/, async (ctx) => {
    ctx.log.warn({ data: ctx.match.input.slice(0, 64) }, 'malformed search button')
    await ctx.answerCbQuery(ctx.t.search.invalid)
  })

  return composer
}
