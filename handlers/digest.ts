import { Composer } from 'telegraf'
import type { Core } from '../src/core.js'
import type { BotContext } from '../src/telegram/context.js'
import { escapeHtml, packMessages } from '../src/telegram/format.js'
import { formatStory } from '../src/telegram/story-format.js'

const RELATED_MAX = 5

/** /digest previews the next digest now; the digest's buttons (related, more) answer here too. */
export function digestHandler({ digests, articles, summaries, config }: Pick<Core, 'digests' | 'articles' | 'summaries' | 'config'>) {
  const composer = new Composer<BotContext>()

  composer.command('digest', async (ctx) => {
    const parts = await digests.preview(ctx.chat.id, ctx.from.language_code ?? 'ar', { timeZone: config.DEFAULT_TZ, digestTime: config.DIGEST_TIME })
    ctx.log.info({ parts: parts.length }, 'digest preview')
    if (parts.length === 0) return void await ctx.reply(ctx.t.digest.previewEmpty)
    await ctx.reply(ctx.t.digest.preview)
    for (const part of parts) {
      await ctx.reply(part.text, { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...(part.replyMarkup ? { reply_markup: part.replyMarkup } : {}) })
    }
  })

  composer.action(/^dg:more:([\w-]{1,40})$/, async (ctx) => {
    const article = articles.get(ctx.match[1]!)
    await ctx.answerCbQuery(article ? undefined : ctx.t.digest.gone)
    if (!article) return
    const summary = await summaries.get(article)
    await ctx.reply(formatStory(article, summary?.short, ctx.t), { parse_mode: 'HTML', link_preview_options: { is_disabled: true } })
  })

  composer.action(/^dg:rel:([\w-]{1,40})$/, async (ctx) => {
    const article = articles.get(ctx.match[1]!)
    await ctx.answerCbQuery(article ? undefined : ctx.t.digest.gone)
    if (!article) return
    const linked = article.related.flatMap((id) => articles.get(id) ?? [])
    const sameCategory = article.category ? articles.latest(RELATED_MAX + 1, (a) => a.kind === 'full' && a.category === article.category && a.id !== article.id) : []
    const related = [...new Map([...linked, ...sameCategory].map((a) => [a.id, a])).values()].slice(0, RELATED_MAX)
    if (related.length === 0) return void await ctx.reply(ctx.t.digest.relatedNone)
    const found = await summaries.getMany(related)
    const blocks = related.map((a, i) => formatStory(a, found[i]?.short, ctx.t, i + 1))
    for (const text of packMessages([`<b>${escapeHtml(ctx.t.digest.relatedTitle(article.title))}</b>`, ...blocks])) {
      await ctx.reply(text, { parse_mode: 'HTML', link_preview_options: { is_disabled: true } })
    }
  })

  return composer
}
