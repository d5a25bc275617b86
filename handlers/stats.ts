import { Composer } from 'telegraf'
import type { Core } from '../src/core.js'
import { feedHealth } from '../src/feeds/feed-health.js'
import { adminsOnly } from '../src/telegram/admins-only.js'
import type { BotContext } from '../src/telegram/context.js'

/** /stats for the ids in ADMIN_IDS. */
export function statsHandler({ articles, digests, config, summaries, feeds }: Pick<Core, 'articles' | 'digests' | 'config' | 'summaries' | 'feeds'>) {
  return new Composer<BotContext>().command('stats', adminsOnly(config.ADMIN_IDS), async (ctx) => {
    const today = await digests.today()
    const failures = Object.entries(today.failures)
      .filter(([, n]) => n > 0)
      .map(([kind, n]) => `${ctx.t.stats.failureNames[kind] ?? kind}: ${n}`)
      .join(' · ')
    const feedLines = ctx.t.feeds.stats(await feedHealth(feeds))
    await ctx.reply(ctx.t.stats.report({
      articles: articles.retentionStats().kept,
      removed: articles.retentionStats().removed,
      subscribers: digests.dueCount(),
      sentToday: today.sent,
      queued: digests.queued(),
      failures: failures || ctx.t.stats.none,
      tokens: tokens(summaries.usage()),
    }) + feedLines)
  })
}

function tokens({ promptTokens, completionTokens }: { promptTokens: number, completionTokens: number }): string {
  return `${promptTokens + completionTokens} (${promptTokens} + ${completionTokens})`
}
