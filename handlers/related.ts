import { Composer } from 'telegraf'
import type { Article } from '../src/articles/types.js'
import type { Core } from '../src/core.js'
import type { RelatedItem } from '../src/search/related.js'
import { onButton } from '../src/telegram/callback-data.js'
import type { BotContext } from '../src/telegram/context.js'
import { escapeHtml, packBlocks, safe } from '../src/telegram/format.js'
import { readerOf, storyWhen, type Reader } from '../src/telegram/reader.js'
import { outletName, storyButton, titleHtml } from '../src/telegram/story-format.js'

/** Article ids are 12 hex characters; a little slack, never anything that could be a pattern or a path. */
const ARTICLE_ID = /^[0-9a-z]{4,24}$/i

/** The story a typed id names (/story ID, /related ID); nothing for an unknown or malformed id. */
export function articleNamed(articles: Pick<Core['articles'], 'get'>, id: string): Article | undefined {
  return ARTICLE_ID.test(id) ? articles.get(id.toLowerCase()) : undefined
}

type Deps = Pick<Core, 'articles' | 'search' | 'profiles' | 'clock' | 'config'>

/** Near-duplicates folded into an item, once the related engine counts them (`similar`). */
const similarOf = (item: RelatedItem) => (item as RelatedItem & { similar?: number }).similar ?? 0

/** One related story: number, headline, and date · outlets · notes in italics; the outlet only when it is not the story's own. */
function relatedLine(item: RelatedItem, article: Article, n: number, reader: Reader, sameOutlet: string): string {
  const { t } = reader
  const outlet = outletName(article.source, t)
  const notes = [
    storyWhen(article, reader),
    // The cluster's outlets, near-duplicates from other outlets included: «الشرق الأوسط ومصدران آخران».
    outlet === sameOutlet && item.outlets <= 1 ? '' : `${outlet}${item.outlets > 1 ? ` ${t.story.moreOutlets(item.outlets - 1)}` : ''}`,
    item.fromPublisher ? t.related.fromPublisher : '',
  ].filter(Boolean).join(' · ')
  // «و7 تقارير مشابهة» continues the line rather than standing as one more note.
  const similar = similarOf(item) > 0 ? `${notes ? t.related.and : ''}${t.related.similar(similarOf(item))}` : ''
  return `${n}. ${titleHtml(article)}\n<i>${safe(`${notes}${similar}`)}</i>`
}

/** /related <id> and the «ذات صلة» button of every story, the digest's old buttons included: one engine for all. */
export function relatedHandler(deps: Deps) {
  const { articles, search } = deps
  const composer = new Composer<BotContext>()

  async function sendRelated(ctx: BotContext, article: Article) {
    const list = search.related.get(article.id)
    const found = (list?.items ?? []).flatMap((item) => {
      const a = articles.get(item.id)
      return a ? [{ item, article: a }] : []
    })
    ctx.log.info({ article: article.id, related: found.length }, 'related')
    if (found.length === 0) return void await ctx.reply(ctx.t.related.none)
    const reader = await readerOf(ctx, deps)
    const header = `<b>${safe(ctx.t.related.title(article.title))}</b>`
    const footer = list && list.duplicatesOfSource > 0 ? [`<i>${escapeHtml(ctx.t.related.alsoIn(list.duplicatesOfSource))}</i>`] : []
    const blocks = [header, ...found.map(({ item, article: a }, i) => relatedLine(item, a, i + 1, reader, outletName(article.source, ctx.t))), ...footer]
    for (const message of packBlocks(blocks, '\n\n')) {
      // Each message carries the buttons of the stories it lists (block 0 is the header).
      const rows = message.blocks.flatMap((b) => (b >= 1 && b <= found.length ? [[storyButton(found[b - 1]!.article, b)]] : []))
      const keyboard = rows.length > 0 ? { reply_markup: { inline_keyboard: rows } } : {}
      await ctx.replyWithHTML(message.text, { link_preview_options: { is_disabled: true }, ...keyboard })
    }
  }

  composer.command('related', async (ctx) => {
    const id = ctx.payload.trim()
    if (id === '') return void await ctx.reply(ctx.t.related.usage)
    const article = articleNamed(articles, id)
    if (!article) return void await ctx.reply(ctx.t.related.unknown(id.slice(0, 40)))
    await sendRelated(ctx, article)
  })

  composer.use(onButton('related', async (ctx, { id }) => {
    const article = articles.get(id)
    await ctx.answerCbQuery(article ? undefined : ctx.t.search.gone)
    if (article) await sendRelated(ctx, article)
  }))

  return composer
}
