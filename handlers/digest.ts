import { Composer } from 'telegraf'
import type { Core } from '../src/core.js'
import type { BotContext } from '../src/telegram/context.js'

/** /digest previews the next digest now; its story buttons open the story view (handlers/story.ts). */
export function digestHandler({ digests, config }: Pick<Core, 'digests' | 'config'>) {
  return new Composer<BotContext>().command('digest', async (ctx) => {
    const parts = await digests.preview(ctx.chat.id, ctx.from.language_code ?? 'ar', { timeZone: config.DEFAULT_TZ, digestTime: config.DIGEST_TIME })
    ctx.log.info({ parts: parts.length }, 'digest preview')
    if (parts.length === 0) return void await ctx.reply(ctx.t.digest.previewEmpty)
    await ctx.reply(ctx.t.digest.preview)
    for (const part of parts) {
      await ctx.reply(part.text, { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...(part.replyMarkup ? { reply_markup: part.replyMarkup } : {}) })
    }
  })
}
