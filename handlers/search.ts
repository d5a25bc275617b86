import { Composer } from 'telegraf'
import type { InlineKeyboardButton } from 'telegraf/types'
import type { Core } from '../src/core.js'
import { analyze } from '../src/search/analyzer.js'
import { callbackData, onButton } from '../src/telegram/callback-data.js'
import type { BotContext } from '../src/telegram/context.js'
import { escapeHtml, isolate } from '../src/telegram/format.js'
import { readerOf, type Reader } from '../src/telegram/reader.js'
import { listedHeadline, storyButton, storyMetaHtml } from '../src/telegram/story-format.js'

const MAX_QUERY_CHARS = 256
const PAGE_SIZE = 5
const MAX_PAGES = 20

export type QueryCheck = { ok: true, query: string } | { ok: false, reason: 'empty' | 'tooLong' | 'noWords' }

type Deps = Pick<Core, 'articles' | 'search' | 'profiles' | 'clock' | 'config'>

/** Empty, too long or nothing searchable (stopwords, emoji, punctuation) each get their own reply. */
export function checkQuery(raw: string): QueryCheck {
  const query = raw.trim().replace(/\s+/g, ' ')
  if (query === '') return { ok: false, reason: 'empty' }
  if (query.length > MAX_QUERY_CHARS) return { ok: false, reason: 'tooLong' }
  if (analyze(query).length === 0) return { ok: false, reason: 'noWords' }
  return { ok: true, query }
}

/** /search <words>: five results a page listed in the message (number, headline, date, outlet), a button to open each, previous/next. */
export function searchHandler(deps: Deps) {
  const { articles, search } = deps
  const composer = new Composer<BotContext>()

  function page(reader: Reader, query: string, key: string, n: number) {
    const { t } = reader
    const ids = search.index.search(query, PAGE_SIZE + 1, n * PAGE_SIZE)
    const found = ids.slice(0, PAGE_SIZE).flatMap((id) => articles.get(id) ?? [])
    const hasNext = ids.length > PAGE_SIZE && n + 1 < MAX_PAGES
    const nav: InlineKeyboardButton.CallbackButton[] = []
    if (n > 0) nav.push({ text: t.search.previous, callback_data: callbackData({ kind: 'searchPage', key, page: n - 1 }) })
    if (hasNext) nav.push({ text: t.search.next, callback_data: callbackData({ kind: 'searchPage', key, page: n + 1 }) })
    const shown = t.language === 'ar' ? query : isolate(query)
    const lines = found.map((a, i) => `${listedHeadline(a, t, n * PAGE_SIZE + i + 1)}\n<i>${storyMetaHtml(a, reader)}</i>`)
    const text = [`<b>${escapeHtml(t.search.header(shown, n + 1))}</b>`, ...lines].join('\n\n')
    const keyboard = [...found.map((a, i) => [storyButton(a, n * PAGE_SIZE + i + 1)]), ...(nav.length ? [nav] : [])]
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
    const result = page(await readerOf(ctx, deps), check.query, key, 0)
    ctx.log.info({ results: result.found.length }, 'search')
    if (result.found.length === 0) return void await ctx.reply(ctx.t.search.none(check.query))
    await ctx.replyWithHTML(result.text, { link_preview_options: { is_disabled: true }, reply_markup: { inline_keyboard: result.keyboard } })
  })

  composer.use(onButton('searchPage', async (ctx, { key, page: n }) => {
    const query = search.queries.recall(key)
    if (query === undefined) return void await ctx.answerCbQuery(ctx.t.search.stale)
    if (n >= MAX_PAGES) return void await ctx.answerCbQuery(ctx.t.search.pageGone)
    const result = page(await readerOf(ctx, deps), query, key, n)
    if (result.found.length === 0) return void await ctx.answerCbQuery(ctx.t.search.pageGone)
    await ctx.answerCbQuery()
    await ctx.editMessageText(result.text, { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, reply_markup: { inline_keyboard: result.keyboard } })
  }))

  return composer
}
