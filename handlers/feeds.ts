import { Composer } from 'telegraf'
import type { Core } from '../src/core.js'
import { feedFailure } from '../src/feeds/feed-failure.js'
import { checkFeedSpec, FEED_NAME_MAX, type FeedSpecProblem } from '../src/feeds/feed-list.js'
import type { FeedStatus } from '../src/feeds/feed-poller.js'
import type { Messages } from '../src/i18n/messages.js'
import { withoutCredentials } from '../src/net/credentials.js'
import { urlProblem } from '../src/net/guarded-fetch.js'
import { adminsOnly } from '../src/telegram/admins-only.js'
import type { BotContext } from '../src/telegram/context.js'
import { escapeHtml, packMessages, safe } from '../src/telegram/format.js'

/** «2026-11-29 06:15 UTC»: admins compare it with server logs, which are in UTC. */
const utcTime = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`

/** /feeds, /addfeed URL [name], /removefeed URL for the ids in ADMIN_IDS. */
export function feedsHandler({ feeds, config }: Pick<Core, 'feeds' | 'config'>) {
  const admins = new Composer<BotContext>()
  admins.command(['feeds', 'addfeed', 'removefeed'], adminsOnly(config.ADMIN_IDS))

  admins.command('feeds', async (ctx) => {
    const list = await feeds.status()
    if (list.length === 0) return void await ctx.reply(ctx.t.feeds.empty)
    const blocks = list.map((feed, i) => feedBlock(feed, i + 1, ctx.t))
    for (const text of packMessages([`<b>${escapeHtml(ctx.t.feeds.header(list.length))}</b>`, ...blocks])) {
      await ctx.replyWithHTML(text, { link_preview_options: { is_disabled: true } })
    }
  })

  admins.command('addfeed', async (ctx) => {
    const [url, ...words] = ctx.payload.trim().split(/\s+/).filter(Boolean)
    if (!url) return void await ctx.reply(ctx.t.feeds.addUsage)
    const checked = checkFeedSpec({ url, name: words.join(' ') || undefined })
    if ('problem' in checked) return void await ctx.reply(specProblem(checked.problem, url, ctx.t))
    const { spec } = checked
    // Addresses written out (0x7f000001, [fd00::1]) and local names are refused before anything is stored or fetched.
    const refused = urlProblem(spec.url, { allowPrivate: config.FEEDS_ALLOW_PRIVATE })
    if (refused) return void await ctx.reply(ctx.t.feeds.refused(failureText(refused.message, ctx.t)))
    if (!await feeds.registry.add(spec)) return void await ctx.reply(ctx.t.feeds.exists(spec.url))
    ctx.log.info({ feed: spec.name, url: spec.url }, 'feed added')
    // A slow feed may take FEED_TIMEOUT_MS: say so at once, then report. Other chats go on meanwhile (polling handles chats alongside).
    await ctx.reply(ctx.t.feeds.checking(spec.name))
    const outcome = await feeds.pollFeed(spec, { force: true })
    // A name that resolves inside the network, or a redirect there, is only known once fetched: the feed goes again.
    if (outcome.status === 'failed' && feedFailure(outcome.error).kind === 'address') {
      await feeds.registry.remove(spec.url)
      ctx.log.warn({ feed: spec.name, url: spec.url }, `feed refused: ${outcome.error}`)
      return void await ctx.reply(ctx.t.feeds.refused(failureText(outcome.error, ctx.t)))
    }
    if (outcome.status === 'failed') return void await ctx.reply(ctx.t.feeds.addedFailing(spec.name, failureText(outcome.error, ctx.t), utcTime(outcome.retryAt)))
    const report = outcome.status === 'ok' ? outcome.report : { items: 0, added: 0 }
    await ctx.reply(ctx.t.feeds.added(spec.name, report.items, report.added))
  })

  admins.command('removefeed', async (ctx) => {
    const url = ctx.payload.trim()
    if (!url) return void await ctx.reply(ctx.t.feeds.removeUsage)
    const feed = await feeds.registry.find(normalized(url) ?? url)
    if (!feed || !await feeds.registry.remove(feed.url)) return void await ctx.reply(ctx.t.feeds.notFound)
    ctx.log.info({ feed: feed.name, url: feed.url }, 'feed removed')
    await ctx.reply(ctx.t.feeds.removed(feed.name))
  })

  return admins
}

function specProblem(problem: FeedSpecProblem, url: string, t: Messages): string {
  if (problem === 'credentials') return t.feeds.credentials
  if (problem === 'name') return t.feeds.badName(FEED_NAME_MAX)
  return t.feeds.badUrl(withoutCredentials(url))
}

/** A stored error as its class in the reader's language: never the message itself, which once quoted responses. */
function failureText(error: string, t: Messages): string {
  const { kind, status } = feedFailure(error)
  return kind === 'http' ? t.feeds.failure.http(status!) : t.feeds.failure[kind]
}

function normalized(url: string): string | undefined {
  try {
    return new URL(url).href
  }
  catch {
    return undefined
  }
}

function feedBlock({ name, url, origin, section, state }: FeedStatus, n: number, t: Messages): string {
  const lines = [`<b>${n}. ${safe(name)}</b> · ${escapeHtml(t.feeds.origin[origin])}${section ? ` · ${safe(section)}` : ''}`, escapeHtml(withoutCredentials(url))]
  lines.push(state.lastSuccessAt ? escapeHtml(t.feeds.lastSuccess(utcTime(state.lastSuccessAt), state.lastItems ?? 0)) : escapeHtml(t.feeds.neverSucceeded))
  if (state.lastErrorAt && state.lastError) lines.push(`${escapeHtml(t.feeds.lastError(utcTime(state.lastErrorAt)))} ${escapeHtml(failureText(state.lastError, t))}`)
  if (state.failures > 0 && state.nextAttemptAt) lines.push(escapeHtml(t.feeds.failing(state.failures, utcTime(state.nextAttemptAt))))
  return lines.join('\n')
}
