import { Composer } from 'telegraf'
import type { Core } from '../src/core.js'
import type { BotContext } from '../src/telegram/context.js'
import { escapeHtml, packMessages } from '../src/telegram/format.js'
import { formatStory } from '../src/telegram/story-format.js'

const DEFAULT_COUNT = 5
const MAX_COUNT = 10

export function latestHandler({ articles, summaries }: Pick<Core, 'articles' | 'summaries'>) {
  return new Composer<BotContext>().command('latest', async (ctx) => {
    const count = parseCount(ctx.payload)
    if (count === undefined) return void await ctx.reply(ctx.t.latest.usage)
    const stories = articles.latest(count)
    if (stories.length === 0) return void await ctx.reply(ctx.t.latest.empty)
    const found = await summaries.getMany(stories)
    const blocks = stories.map((article, i) => formatStory(article, found[i]?.short, ctx.t, i + 1))
    const messages = packMessages([`<b>${escapeHtml(ctx.t.latest.header(stories.length))}</b>`, ...blocks])
    for (const text of messages) await ctx.replyWithHTML(text, { link_preview_options: { is_disabled: true } })
  })
}

/** "" → default; "3" or "٣" → 3, capped at MAX_COUNT; anything else → undefined (usage). */
export function parseCount(payload: string): number | undefined {
  const text = payload.trim().replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660))
  if (text === '') return DEFAULT_COUNT
  if (!/^\d{1,4}$/.test(text)) return undefined
  const n = Number(text)
  return n < 1 ? undefined : Math.min(n, MAX_COUNT)
}
