import { Composer } from 'telegraf'
import type { Article } from '../src/articles/types.js'
import type { Core } from '../src/core.js'
import { onButton } from '../src/telegram/callback-data.js'
import type { BotContext } from '../src/telegram/context.js'
import { readerOf } from '../src/telegram/reader.js'
import { hasFullText, storyView, textPage } from '../src/telegram/story-view.js'
import { articleNamed } from './related.js'

type Deps = Pick<Core, 'articles' | 'summaries' | 'profiles' | 'clock' | 'config'>

const NO_PREVIEW = { link_preview_options: { is_disabled: true } }

/** A single story (/story ID and every story button) and its full text, a page at a time. */
export function storyHandler(deps: Deps) {
  const { articles, summaries } = deps
  const composer = new Composer<BotContext>()

  async function sendStory(ctx: BotContext, article: Article) {
    const summary = article.kind === 'full' ? await summaries.get(article) : undefined
    const { text, keyboard } = storyView(article, summary?.long, await readerOf(ctx, deps))
    ctx.log.info({ article: article.id }, 'story view')
    await ctx.replyWithHTML(text, { ...NO_PREVIEW, reply_markup: { inline_keyboard: keyboard } })
  }

  composer.command('story', async (ctx) => {
    const id = ctx.payload.trim()
    if (id === '') return void await ctx.reply(ctx.t.story.usage)
    const article = articleNamed(articles, id)
    if (!article) return void await ctx.reply(ctx.t.story.unknown(id.slice(0, 40)))
    await sendStory(ctx, article)
  })

  composer.use(onButton('story', async (ctx, { id }) => {
    const article = articles.get(id)
    await ctx.answerCbQuery(article ? undefined : ctx.t.search.gone)
    if (article) await sendStory(ctx, article)
  }))

  composer.use(onButton('text', async (ctx, { id, page, turn }) => {
    const article = articles.get(id)
    if (!article) return void await ctx.answerCbQuery(ctx.t.search.gone)
    if (!hasFullText(article)) return void await ctx.answerCbQuery(ctx.t.story.noText)
    const shown = textPage(article, page, await readerOf(ctx, deps))
    if (!shown) return void await ctx.answerCbQuery(ctx.t.story.pageGone)
    await ctx.answerCbQuery()
    const extra = { ...NO_PREVIEW, reply_markup: { inline_keyboard: shown.keyboard } }
    // The story view's button opens the text below it; the text's own previous/next turn the page in place.
    if (turn) await ctx.editMessageText(shown.text, { parse_mode: 'HTML', ...extra })
    else await ctx.replyWithHTML(shown.text, extra)
  }))

  return composer
}
