import { Composer } from 'telegraf'
import { westernDigits } from '../src/articles/normalize.js'
import type { Article } from '../src/articles/types.js'
import type { Core } from '../src/core.js'
import { parseTopic } from '../src/search/filters.js'
import { latestMatching } from '../src/search/topic-feed.js'
import { ALL_CATEGORY_NAMES } from '../src/search/topic-labels.js'
import type { BotContext } from '../src/telegram/context.js'
import { escapeHtml, packMessages } from '../src/telegram/format.js'
import { pairs } from '../src/telegram/keyboard.js'
import { formatStory } from '../src/telegram/story-format.js'
import { relatedButton } from './related.js'

const DEFAULT_COUNT = 5
const MAX_COUNT = 10

export function latestHandler({ articles, summaries, subscribers, search }: Pick<Core, 'articles' | 'summaries' | 'subscribers' | 'search'>) {
  return new Composer<BotContext>().command('latest', async (ctx) => {
    const { countText, topicText } = splitPayload(ctx.payload)
    const count = parseCount(countText)
    if (count === undefined) return void await ctx.reply(ctx.t.latest.usage)
    // The subscriber's follows and mutes apply; «/latest #رياضة» replaces the follows once, mutes still hold.
    const saved = await subscribers.filters(ctx.chat.id)
    let filters = saved
    if (topicText !== undefined) {
      const parsed = parseTopic(topicText, ALL_CATEGORY_NAMES, search.index.sections())
      if (!('topic' in parsed)) return void await ctx.reply(ctx.t.latest.usage)
      filters = { follow: [parsed.topic], mute: saved.mute }
    }
    const filtered = filters.follow.length + filters.mute.length > 0
    const stories = latestMatching({ articles, index: search.index }, count, filters)
    if (stories.length === 0) return void await ctx.reply(filtered && articles.count() > 0 ? ctx.t.latest.noneMatching : ctx.t.latest.empty)
    const found = await summaries.getMany(stories)
    const blocks = stories.map((article, i) => formatStory(article, found[i]?.short, ctx.t, i + 1))
    const header = `<b>${escapeHtml(ctx.t.latest.header(stories.length))}</b>${filtered ? `\n<i>${escapeHtml(ctx.t.latest.filtered)}</i>` : ''}`
    for (const text of packMessages([header, ...blocks])) {
      await ctx.replyWithHTML(text, { link_preview_options: { is_disabled: true }, reply_markup: { inline_keyboard: relatedRows(stories, blocks, text, ctx) } })
    }
  })
}

/** «مقالات ذات صلة» buttons for the stories whose blocks landed in this message. */
function relatedRows(stories: Article[], blocks: string[], text: string, ctx: BotContext) {
  return pairs(stories.flatMap((article, i) => (text.includes(blocks[i]!) ? [relatedButton(article, ctx.t, i + 1)] : [])))
}

/** "3", "#رياضة", "#رياضة 3" or "3 #الشرق_الأوسط" → count text and topic text. */
function splitPayload(payload: string): { countText: string, topicText?: string } {
  const text = payload.trim()
  const topicFirst = /^(#.+?)(?:\s+([\d٠-٩]{1,4}))?$/su.exec(text)
  if (topicFirst) return { countText: topicFirst[2] ?? '', topicText: topicFirst[1]! }
  const countFirst = /^([\d٠-٩]{1,4})\s+(#.+)$/su.exec(text)
  if (countFirst) return { countText: countFirst[1]!, topicText: countFirst[2]! }
  return { countText: text }
}

/** "" → default; "3" or "٣" → 3, capped at MAX_COUNT; anything else → undefined (usage). */
function parseCount(payload: string): number | undefined {
  const text = westernDigits(payload.trim())
  if (text === '') return DEFAULT_COUNT
  if (!/^\d{1,4}$/.test(text)) return undefined
  const n = Number(text)
  return n < 1 ? undefined : Math.min(n, MAX_COUNT)
}
