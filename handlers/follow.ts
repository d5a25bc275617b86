import { Composer } from 'telegraf'
import type { Core } from '../src/core.js'
import { addTopic, MAX_TOPIC_CHARS, MAX_TOPICS, parseTopic, removeTopic, topicToken, type Topic, type TopicFilters } from '../src/search/filters.js'
import { callbackData, onButton } from '../src/telegram/callback-data.js'
import type { BotContext } from '../src/telegram/context.js'
import { escapeHtml, safe } from '../src/telegram/format.js'
import { ALL_CATEGORY_NAMES, topicLabel } from '../src/i18n/topic-labels.js'

/** /follow, /unfollow, /mute, /mytopics; the ✖️ buttons under /mytopics remove a topic. */
export function followHandler({ search, profiles }: Pick<Core, 'search' | 'profiles'>) {
  const composer = new Composer<BotContext>()

  const save = (ctx: BotContext, chatId: number, filters: TopicFilters) => profiles.update(chatId, ctx.from?.language_code ?? 'ar', { filters })

  /** The user's words as a topic, or undefined after replying why not. */
  async function topicFrom(ctx: BotContext, payload: string, command: string): Promise<Topic | undefined> {
    const parsed = parseTopic(payload, ALL_CATEGORY_NAMES, search.index.sections())
    if ('topic' in parsed) return parsed.topic
    ctx.log.info({ reason: parsed.error }, 'topic refused')
    const reply = { empty: ctx.t.follow.usage(command), tooLong: ctx.t.follow.tooLong(MAX_TOPIC_CHARS), noWords: ctx.t.follow.noWords }[parsed.error]
    await ctx.reply(reply)
    return undefined
  }

  for (const [command, list] of [['follow', 'follow'], ['mute', 'mute']] as const) {
    composer.command(command, async (ctx) => {
      const topic = await topicFrom(ctx, ctx.payload, command)
      if (!topic) return
      const change = addTopic(await profiles.filters(ctx.chat.id), list, topic)
      const label = topicLabel(topic, ctx.t)
      ctx.log.info({ list, kind: topic.kind, outcome: change.outcome }, 'topic change')
      if (change.outcome === 'already') return void await ctx.reply(ctx.t.follow.already(label))
      if (change.outcome === 'full') return void await ctx.reply(ctx.t.follow.full(MAX_TOPICS))
      await save(ctx, ctx.chat.id, change.filters)
      await ctx.reply(list === 'follow' ? ctx.t.follow.followed(label) : ctx.t.follow.muted(label))
    })
  }

  composer.command('unfollow', async (ctx) => {
    const topic = await topicFrom(ctx, ctx.payload, 'unfollow')
    if (!topic) return
    const change = removeTopic(await profiles.filters(ctx.chat.id), topic)
    const label = topicLabel(topic, ctx.t)
    if (change.outcome === 'notFound') return void await ctx.reply(ctx.t.follow.notFound(label))
    await save(ctx, ctx.chat.id, change.filters)
    await ctx.reply(ctx.t.follow.removed(label))
  })

  function mine(ctx: BotContext, filters: TopicFilters) {
    const line = (topic: Topic) => `• ${safe(topicLabel(topic, ctx.t))} <i>(${escapeHtml(ctx.t.follow.kinds[topic.kind])})</i>`
    const text = [
      ...(filters.follow.length ? [`<b>${escapeHtml(ctx.t.follow.mineFollow)}</b>`, ...filters.follow.map(line)] : []),
      ...(filters.mute.length ? [`<b>${escapeHtml(ctx.t.follow.mineMute)}</b>`, ...filters.mute.map(line)] : []),
      escapeHtml(ctx.t.follow.mineHint),
    ].join('\n')
    const rows = [...filters.follow, ...filters.mute].map((topic) => [{ text: ctx.t.follow.removeButton(topicLabel(topic, ctx.t).slice(0, 40)), callback_data: callbackData({ kind: 'unfollow', token: topicToken(topic) }) }])
    return { text, rows }
  }

  composer.command('mytopics', async (ctx) => {
    const filters = await profiles.filters(ctx.chat.id)
    if (filters.follow.length + filters.mute.length === 0) return void await ctx.reply(ctx.t.follow.mineEmpty)
    const { text, rows } = mine(ctx, filters)
    await ctx.replyWithHTML(text, { reply_markup: { inline_keyboard: rows } })
  })

  composer.use(onButton('unfollow', async (ctx, { token }) => {
    const chatId = ctx.chat?.id ?? ctx.from!.id
    const filters = await profiles.filters(chatId)
    const topic = [...filters.follow, ...filters.mute].find((t) => topicToken(t) === token)
    if (!topic) return void await ctx.answerCbQuery(ctx.t.topics.stale)
    const change = removeTopic(filters, topic)
    await save(ctx, chatId, change.filters)
    await ctx.answerCbQuery(ctx.t.follow.removed(topicLabel(topic, ctx.t)))
    const left = change.filters.follow.length + change.filters.mute.length
    if (left === 0) return void await ctx.editMessageText(escapeHtml(ctx.t.follow.mineEmpty), { parse_mode: 'HTML' })
    const { text, rows } = mine(ctx, change.filters)
    await ctx.editMessageText(text, { parse_mode: 'HTML', reply_markup: { inline_keyboard: rows } })
  }))

  return composer
}
