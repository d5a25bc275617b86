import { Composer } from 'telegraf'
import { westernDigits } from '../src/articles/normalize.js'
import type { Core } from '../src/core.js'
import { parseTopic } from '../src/search/filters.js'
import { latestMatching } from '../src/search/topic-feed.js'
import { ALL_CATEGORY_NAMES, topicLabel } from '../src/i18n/topic-labels.js'
import type { BotContext } from '../src/telegram/context.js'
import { escapeHtml, packBlocks } from '../src/telegram/format.js'
import { readerOf } from '../src/telegram/reader.js'
import { formatStory, storyButton } from '../src/telegram/story-format.js'

const DEFAULT_COUNT = 5
const MAX_COUNT = 10

export function latestHandler(deps: Pick<Core, 'articles' | 'summaries' | 'profiles' | 'search' | 'clock' | 'config'>) {
  const { articles, summaries, profiles, search } = deps
  return new Composer<BotContext>().command('latest', async (ctx) => {
    const { countText, topicText } = splitPayload(ctx.payload)
    const count = parseCount(countText)
    if (count === undefined) return void await ctx.reply(ctx.t.latest.usage)
    // The subscriber's follows and mutes apply; «/latest #رياضة» replaces the follows once, mutes still hold.
    const saved = await profiles.filters(ctx.chat.id)
    let filters = saved
    let once: string | undefined
    if (topicText !== undefined) {
      const parsed = parseTopic(topicText, ALL_CATEGORY_NAMES, search.index.sections())
      if (!('topic' in parsed)) return void await ctx.reply(ctx.t.latest.usage)
      filters = { follow: [parsed.topic], mute: saved.mute }
      once = topicLabel(parsed.topic, ctx.t)
    }
    const filtered = filters.follow.length + filters.mute.length > 0
    const stories = latestMatching({ articles, index: search.index }, count, filters)
    if (stories.length === 0) {
      const reply = articles.count() === 0
        ? ctx.t.latest.empty
        : once !== undefined ? ctx.t.latest.noneInTopic(once) : filtered ? ctx.t.latest.noneMatching : ctx.t.latest.empty
      return void await ctx.reply(reply)
    }
    const found = await summaries.getMany(stories)
    const reader = await readerOf(ctx, deps)
    const blocks = stories.map((article, i) => formatStory(article, found[i]?.short, reader, i + 1))
    const caption = once !== undefined ? ctx.t.latest.filteredOnce(once) : filtered ? ctx.t.latest.filtered : undefined
    const header = `<b>${escapeHtml(ctx.t.latest.header(stories.length))}</b>${caption ? `\n<i>${escapeHtml(caption)}</i>` : ''}`
    for (const message of packBlocks([header, ...blocks])) {
      // Each message opens the stories it holds (block 0 is the header).
      const rows = message.blocks.flatMap((b) => (b >= 1 ? [[storyButton(stories[b - 1]!, b)]] : []))
      const keyboard = rows.length > 0 ? { reply_markup: { inline_keyboard: rows } } : {}
      await ctx.replyWithHTML(message.text, { link_preview_options: { is_disabled: true }, ...keyboard })
    }
  })
}

/** "3", "#رياضة", "#رياضة 3" or "3 #شؤون_عربية" → count text and topic text. */
function splitPayload(payload: string): { countText: string, topicText?: string } {
  const text = payload.trim()
  const topicFirst = /^(#.+?)(?:\s+([\d٠-٩]+))?$/su.exec(text)
  if (topicFirst) return { countText: topicFirst[2] ?? '', topicText: topicFirst[1]! }
  const countFirst = /^([\d٠-٩]+)\s+(#.+)$/su.exec(text)
  if (countFirst) return { countText: countFirst[1]!, topicText: countFirst[2]! }
  return { countText: text }
}

/** "" → default; "3" or "٣" → 3; any number above MAX_COUNT (11 or 99999) → MAX_COUNT; anything else → undefined (usage). */
function parseCount(payload: string): number | undefined {
  const text = westernDigits(payload.trim())
  if (text === '') return DEFAULT_COUNT
  if (!/^\d+$/.test(text)) return undefined
  const n = Number(text)
  return n < 1 ? undefined : Math.min(n, MAX_COUNT)
}
