import { Composer } from 'telegraf'
import type { InlineKeyboardButton } from 'telegraf/types'
import type { Core } from '../src/core.js'
import { addTopic, countTopics, MAX_TOPICS, removeTopic, sameTopic, sectionTopic, topicToken, TOPIC_CATEGORIES, type Topic, type TopicFilters } from '../src/search/filters.js'
import { callbackData, onButton } from '../src/telegram/callback-data.js'
import type { BotContext } from '../src/telegram/context.js'
import { escapeHtml } from '../src/telegram/format.js'
import { pairs } from '../src/telegram/keyboard.js'
import { topicLabel } from '../src/i18n/topic-labels.js'

const SECTIONS_SHOWN = 8

/** /topics: categories and sections with counts; each button follows or unfollows its topic. */
export function topicsHandler({ articles, search, profiles }: Pick<Core, 'articles' | 'search' | 'profiles'>) {
  const composer = new Composer<BotContext>()

  function view(ctx: BotContext, filters: TopicFilters) {
    const counts = countTopics(articles.all())
    const following = (topic: Pick<Topic, 'kind' | 'key'>) => filters.follow.some((t) => sameTopic(t, topic))
    // A category with no story yet is no use to follow; one already followed stays, so it can be unfollowed.
    const shown = TOPIC_CATEGORIES.filter((c) => counts.categories[c] > 0 || following({ kind: 'category', key: c }))
    const categoryButtons: InlineKeyboardButton.CallbackButton[] = shown.map((c) => ({
      text: ctx.t.topics.button(ctx.t.topics.names[c], counts.categories[c], following({ kind: 'category', key: c })),
      callback_data: callbackData({ kind: 'followCategory', category: c }),
    }))
    const sections = counts.sections.slice(0, SECTIONS_SHOWN)
    const sectionButtons = sections.map(([name, n]) => {
      const topic = sectionTopic(name)
      return { text: ctx.t.topics.button(name, n, following(topic)), callback_data: callbackData({ kind: 'followSection', token: topicToken(topic) }) }
    })
    const rows = [...pairs(categoryButtons), ...pairs(sectionButtons)]
    const text = `<b>${escapeHtml(ctx.t.topics.header(counts.total))}</b>`
    return { text, rows, sections }
  }

  composer.command('topics', async (ctx) => {
    const { text, rows } = view(ctx, await profiles.filters(ctx.chat.id))
    await ctx.replyWithHTML(text, { reply_markup: { inline_keyboard: rows } })
  })

  async function toggle(ctx: BotContext, found: Topic | undefined) {
    if (!found) {
      ctx.log.warn({ data: ctx.callbackQuery && 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined }, 'stale topic button')
      return void await ctx.answerCbQuery(ctx.t.topics.stale)
    }
    const topic = found
    const chatId = ctx.chat?.id ?? ctx.from!.id
    const filters = await profiles.filters(chatId)
    const name = topicLabel(topic, ctx.t)
    const isFollowed = filters.follow.some((t) => sameTopic(t, topic))
    const change = isFollowed ? removeTopic(filters, topic) : addTopic(filters, 'follow', topic)
    if (change.outcome === 'full') return void await ctx.answerCbQuery(ctx.t.follow.full(MAX_TOPICS))
    await profiles.update(chatId, ctx.from?.language_code ?? 'ar', { filters: change.filters })
    await ctx.answerCbQuery(isFollowed ? ctx.t.topics.unfollowed(name) : ctx.t.topics.followed(name))
    await ctx.editMessageReplyMarkup({ inline_keyboard: view(ctx, change.filters).rows })
  }

  composer.use(onButton('followCategory', (ctx, { category }) => {
    const known = (TOPIC_CATEGORIES as readonly string[]).includes(category)
    return toggle(ctx, known ? { kind: 'category', key: category, label: category } : undefined)
  }))

  composer.use(onButton('followSection', (ctx, { token }) => {
    const name = search.index.sections().find((s) => topicToken(sectionTopic(s)) === token)
    return toggle(ctx, name ? sectionTopic(name) : undefined)
  }))

  return composer
}
