import { Composer } from 'telegraf'
import type { InlineKeyboardButton } from 'telegraf/types'
import type { Core } from '../src/core.js'
import { addTopic, countTopics, MAX_TOPICS, removeTopic, sameTopic, sectionTopic, topicToken, TOPIC_CATEGORIES, type Topic, type TopicFilters } from '../src/search/filters.js'
import type { BotContext } from '../src/telegram/context.js'
import { escapeHtml } from '../src/telegram/format.js'
import { pairs } from '../src/telegram/keyboard.js'
import { topicLabel } from '../src/search/topic-labels.js'

const SECTIONS_SHOWN = 8

/** /topics: categories and sections with counts; each button follows or unfollows (callback tf:c:<category> / tf:s:<token>). */
export function topicsHandler({ articles, search, subscribers }: Pick<Core, 'articles' | 'search' | 'subscribers'>) {
  const composer = new Composer<BotContext>()

  function view(ctx: BotContext, filters: TopicFilters) {
    const counts = countTopics(articles.all())
    const following = (topic: Pick<Topic, 'kind' | 'key'>) => filters.follow.some((t) => sameTopic(t, topic))
    const categoryButtons: InlineKeyboardButton.CallbackButton[] = TOPIC_CATEGORIES.map((c) => ({
      text: ctx.t.topics.button(ctx.t.topics.names[c], counts.categories[c], following({ kind: 'category', key: c })),
      callback_data: `tf:c:${c}`,
    }))
    const sections = counts.sections.slice(0, SECTIONS_SHOWN)
    const sectionButtons = sections.map(([name, n]) => {
      const topic = sectionTopic(name)
      return { text: ctx.t.topics.button(name, n, following(topic)), callback_data: `tf:s:${topicToken(topic)}` }
    })
    const rows = [...pairs(categoryButtons), ...pairs(sectionButtons)]
    const text = [`<b>${escapeHtml(ctx.t.topics.header(counts.total))}</b>`, escapeHtml(ctx.t.topics.newsNote)].join('\n')
    return { text, rows, sections }
  }

  composer.command('topics', async (ctx) => {
    const { text, rows } = view(ctx, await subscribers.filters(ctx.chat.id))
    await ctx.replyWithHTML(text, { reply_markup: { inline_keyboard: rows } })
  })

  composer.action(/^tf:([cs]):([\w-]{1,24})$/, async (ctx) => {
    const chatId = ctx.chat?.id ?? ctx.from.id
    const filters = await subscribers.filters(chatId)
    const [kind, value] = [ctx.match[1]!, ctx.match[2]!]
    let topic: Topic | undefined
    if (kind === 'c' && (TOPIC_CATEGORIES as readonly string[]).includes(value)) topic = { kind: 'category', key: value, label: value }
    if (kind === 's') {
      const name = search.index.sections().find((s) => topicToken(sectionTopic(s)) === value)
      if (name) topic = sectionTopic(name)
    }
    if (!topic) {
      ctx.log.warn({ data: ctx.match.input }, 'stale or tampered topic button')
      return void await ctx.answerCbQuery(ctx.t.topics.stale)
    }
    const name = topicLabel(topic, ctx.t)
    const isFollowed = filters.follow.some((t) => sameTopic(t, topic))
    const change = isFollowed ? removeTopic(filters, topic) : addTopic(filters, 'follow', topic)
    if (change.outcome === 'full') return void await ctx.answerCbQuery(ctx.t.follow.full(MAX_TOPICS))
    await subscribers.setFilters(chatId, ctx.from.language_code ?? 'ar', change.filters)
    await ctx.answerCbQuery(isFollowed ? ctx.t.topics.unfollowed(name) : ctx.t.topics.followed(name))
    await ctx.editMessageReplyMarkup({ inline_keyboard: view(ctx, change.filters).rows })
  })

  composer.action(/^tf:/, async (ctx) => {
    ctx.log.warn({ data: ctx.match.input.slice(0, 64) }, 'malformed topic button')
    await ctx.answerCbQuery(ctx.t.topics.stale)
  })

  return composer
}
