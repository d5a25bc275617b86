import { Composer } from 'telegraf'
import type { InlineKeyboardButton } from 'telegraf/types'
import type { Article } from '../src/articles/types.js'
import type { Core } from '../src/core.js'
import type { Messages } from '../src/i18n/messages.js'
import type { BotContext } from '../src/telegram/context.js'
import { clip, escapeHtml, packMessages, safe } from '../src/telegram/format.js'
import { formatStory } from '../src/telegram/story-format.js'

/** Article ids are 12 hex characters; a little slack, never anything that could be a pattern or a path. */
const ARTICLE_ID = /^[0-9a-z]{4,24}$/i
const BUTTON_TITLE_MAX = 48

/** The «مقالات ذات صلة» button; numbered when several stories share one message. */
export function relatedButton(article: Pick<Article, 'id'>, t: Messages, n?: number): InlineKeyboardButton.CallbackButton {
  return { text: n === undefined ? t.related.button : t.related.numberedButton(n), callback_data: `rel:${article.id}` }
}

/** A story as a button that opens it (search results, related lists). */
export function storyButton(article: Pick<Article, 'id' | 'title'>, prefix = ''): InlineKeyboardButton.CallbackButton {
  return { text: `${prefix}${clip(article.title, BUTTON_TITLE_MAX)}`, callback_data: `art:${article.id}` }
}

/** /related <id>, the related button under stories, and opening a story from a list. */
export function relatedHandler({ articles, summaries, search }: Pick<Core, 'articles' | 'summaries' | 'search'>) {
  const composer = new Composer<BotContext>()

  async function sendRelated(ctx: BotContext, article: Article) {
    const list = search.related.get(article.id)
    const found = (list?.items ?? []).flatMap((item) => {
      const a = articles.get(item.id)
      return a ? [{ item, article: a }] : []
    })
    ctx.log.info({ article: article.id, related: found.length }, 'related')
    if (found.length === 0) return void await ctx.reply(ctx.t.related.none)
    const lines = found.map(({ item, article: a }, i) => {
      const notes = [item.fromPublisher ? ctx.t.related.fromPublisher : '', item.outlets > 1 ? ctx.t.related.outlets(item.outlets) : ''].filter(Boolean)
      return `${i + 1}. ${safe(a.title)}${notes.length ? ` <i>(${escapeHtml(ctx.t.related.notes(notes))})</i>` : ''}`
    })
    const header = `<b>${safe(ctx.t.related.title(article.title))}</b>`
    const footer = list && list.duplicatesOfSource > 0 ? [`<i>${escapeHtml(ctx.t.related.alsoIn(list.duplicatesOfSource))}</i>`] : []
    const keyboard = found.map(({ article: a }, i) => [storyButton(a, `${i + 1}. `)])
    const messages = packMessages([header, ...lines, ...footer], '\n')
    for (const [i, text] of messages.entries()) {
      const last = i === messages.length - 1
      await ctx.replyWithHTML(text, { link_preview_options: { is_disabled: true }, ...(last ? { reply_markup: { inline_keyboard: keyboard } } : {}) })
    }
  }

  composer.command('related', async (ctx) => {
    const id = ctx.payload.trim()
    if (id === '') return void await ctx.reply(ctx.t.related.usage)
    const article = ARTICLE_ID.test(id) ? articles.get(id.toLowerCase()) : undefined
    if (!article) return void await ctx.reply(ctx.t.related.unknown(id.slice(0, 40)))
    await sendRelated(ctx, article)
  })

  composer.action(/^rel:(.{1,60})$/, async (ctx) => {
    const id = ctx.match[1]!
    const article = ARTICLE_ID.test(id) ? articles.get(id) : undefined
    await ctx.answerCbQuery(article ? undefined : ctx.t.search.gone)
    if (article) await sendRelated(ctx, article)
  })

  composer.action(/^art:(.{1,60})$/, async (ctx) => {
    const id = ctx.match[1]!
    const article = ARTICLE_ID.test(id) ? articles.get(id) : undefined
    await ctx.answerCbQuery(article ? undefined : ctx.t.search.gone)
    if (!article) return
    const summary = await summaries.get(article)
    const text = `${formatStory(article, summary?.short, ctx.t)}\n<code>${escapeHtml(ctx.t.related.storyId(article.id))}</code>`
    const link = article.url ? [[{ text: ctx.t.inline.readMore, url: article.url }]] : []
    await ctx.replyWithHTML(text, { link_preview_options: { is_disabled: true }, reply_markup: { inline_keyboard: [[relatedButton(article, ctx.t)], ...link] } })
  })

  composer.action(/^(rel|art):/, async (ctx) => {
    ctx.log.warn({ data: ctx.match.input.slice(0, 64) }, 'malformed story button')
    await ctx.answerCbQuery(ctx.t.search.invalid)
  })

  return composer
}
