import type { ArticleStore } from '../articles/article-store.js'
import type { Article } from '../articles/types.js'
import type { Logger } from '../logger.js'
import type { ChatProfileStore } from '../profiles/chat-profiles.js'
import { matchesFilters, type TopicFilters } from '../search/filters.js'
import type { Store } from '../storage/create-store.js'
import type { SummaryStore } from '../summarize/summary-store.js'
import type { Clock } from '../clock.js'
import { selectStories } from './compose.js'
import { createDueIndex } from './due-index.js'
import type { OutboundMessage, OutboundPart, OutboundQueue, Outcome } from './outbound.js'
import { localDate, minuteOf, nextSendAt } from './schedule.js'
import { createDailyStats, digestId, type DailyStats } from './sent-log.js'
import { createTickComposer, type TickComposer } from './tick-composer.js'
import type { FilterSet } from './filter-set.js'
import type { DigestRenderer } from './render.js'
import type { Subscriber, SubscriberStore, Subscription } from './subscribers.js'

const RECENT_STORIES = 200
const FIRST_DIGEST_LOOKBACK_MS = 24 * 3600_000
const BATCH = 500
const SETTLE_GROUP = 200
const SETTLE_WAIT_MS = 10

export type FilterOf = (subscriber: Subscription) => FilterSet

/** The subscriber's followed and muted topics; everyone with the same ones shares a key, so one ranking. */
const BY_TOPICS: FilterOf = (subscriber) => ({ key: filterKey(subscriber.filters), matches: (article) => matchesFilters(article, subscriber.filters) })

function filterKey(filters: TopicFilters | undefined): string {
  if (!filters || (filters.follow.length === 0 && filters.mute.length === 0)) return ''
  const list = (topics: TopicFilters['follow']) => topics.map((t) => `${t.kind}:${t.key}`).sort().join('|')
  return `+${list(filters.follow)}-${list(filters.mute)}`
}

export interface DigestDeps {
  store: Store
  articles: ArticleStore
  summaries: SummaryStore
  subscribers: SubscriberStore
  /** A chat that set topics without subscribing previews with them. */
  profiles: Pick<ChatProfileStore, 'get'>
  size: number
  clock: Clock
  logger: Logger
  /** Turns a composed digest into messages and buttons (src/telegram/digest-format.ts): the core stays free of Telegram. */
  render: DigestRenderer
  filterOf?: FilterOf
}

export interface TickReport { due: number, enqueued: number, nothingNew: number, groups: number, composeMs: number }

export interface Digests {
  /** Fills the due index from the store; run once at start. */
  load(): Promise<number>
  /** Where digests go; the queue's onSettled must call `settled`. */
  attach(outbound: OutboundQueue): void
  /** One scheduler tick: composes the digests of every due subscriber and hands them to the queue. */
  tick(now?: Date): Promise<TickReport>
  /** The queue's onSettled: records the outcome on the subscriber and schedules the next digest. */
  settled(message: OutboundMessage, outcome: Outcome): Promise<void>
  /** What the next digest would hold, now, without sending or recording anything. */
  preview(chatId: number, languageCode: string, fallback: Pick<Subscription, 'timeZone' | 'digestTime'>): Promise<OutboundPart[]>
  today(): Promise<DailyStats>
  /** Saves the counters now, e.g. at shutdown. */
  flushStats(): Promise<void>
  /** Active subscribers with a next digest scheduled. */
  dueCount(): number
  /** A subscriber another instance saved (shared Redis): refiles the chat in this instance's due index. */
  noteRemoteChange(subscriber: Subscriber): void
  queued(): number
}

/**
 * Daily digests without Telegram: who is due, what they get, and what happens once it is delivered.
 * Composition is shared: stories are ranked once per distinct filter set and each distinct
 * (stories, language, date) is formatted once, whatever the number of subscribers.
 */
export function createDigests(deps: DigestDeps): Digests {
  const { store, articles, summaries, subscribers, size, clock, logger } = deps
  const filterOf = deps.filterOf ?? BY_TOPICS
  const index = createDueIndex()
  const daily = createDailyStats(store)
  const inProgress = new Set<number>()
  let queue: OutboundQueue | undefined
  let settling: { message: OutboundMessage, outcome: Outcome, resolve: () => void, reject: (err: Error) => void }[] = []
  let settleTimer: NodeJS.Timeout | undefined
  async function saveSettled() {
    if (settleTimer) clearTimeout(settleTimer)
    settleTimer = undefined
    const group = settling
    settling = []
    if (group.length === 0) return
    try {
      const found = await subscribers.subscriptions(group.map((g) => g.message.chatId))
      const now = clock.now()
      const next = group.flatMap((g, i) => {
        inProgress.delete(g.message.chatId)
        const subscriber = found[i]
        return subscriber ? [advanced(subscriber, g.outcome, now)] : []
      })
      await subscribers.saveMany(next)
      for (const g of group) g.resolve()
      flushSoon()
    }
    catch (err) {
      for (const g of group) g.reject(err as Error)
    }
  }
  let flushTimer: NodeJS.Timeout | undefined
  const flushSoon = () => {
    flushTimer ??= setTimeout(() => {
      flushTimer = undefined
      if (queue) daily.flush(queue.stats(), clock.now()).catch((err: Error) => logger.warn(`could not save digest stats: ${err.message}`))
    }, 1000)
    flushTimer.unref()
  }
  subscribers.onChange((s) => { if (!inProgress.has(s.chatId)) index.set(s.chatId, s.nextSendAt) })

  function pick(c: TickComposer, subscriber: Subscription, date: string, now: Date): Article[] {
    if (subscriber.pending?.date === date) return subscriber.pending.storyIds.flatMap((id) => articles.get(id) ?? [])
    const after = subscriber.lastDigestAt ? Date.parse(subscriber.lastDigestAt) : now.getTime() - FIRST_DIGEST_LOOKBACK_MS
    const filter = filterOf(subscriber)
    // Readers with the same filters and the same history get the same pick: compute it once.
    return c.picked(`${filter.key}|${after}|${(subscriber.recentStoryIds ?? []).join(',')}`, () => selectStories(c.ranked(filter), { after, exclude: new Set(subscriber.recentStoryIds), size }))
  }

  // Thousands settle in the same minute with a handful of (time, zone) pairs: compute each once.
  // Exact, because the next send time is minute-aligned and strictly after `now`.
  const nextCache = new Map<string, string>()
  function nextFor(subscriber: Subscription, now: Date): string {
    const minute = minuteOf(now) * 60_000
    const key = `${subscriber.digestTime}|${subscriber.timeZone}|${minute}`
    let next = nextCache.get(key)
    if (!next) {
      if (nextCache.size > 10_000) nextCache.clear()
      nextCache.set(key, next = nextSendAt(subscriber.digestTime, subscriber.timeZone, new Date(minute)).toISOString())
    }
    return next
  }

  function advanced(subscriber: Subscription, outcome: Outcome | 'empty', now: Date): Subscription {
    if (outcome === 'blocked') return { ...subscriber, active: false, nextSendAt: undefined, pending: undefined }
    // 'inDoubt' and 'failed' leave the stories unread: they go into the next digest.
    const delivered = outcome === 'sent' || outcome === 'duplicate' || outcome === 'badRequest'
    const pending = subscriber.pending
    return {
      ...subscriber,
      pending: undefined,
      nextSendAt: subscriber.active ? nextFor(subscriber, now) : undefined,
      ...(delivered && pending
        ? { lastDigestAt: pending.composedAt, recentStoryIds: [...pending.storyIds, ...(subscriber.recentStoryIds ?? [])].slice(0, RECENT_STORIES) }
        // Not delivered: keep the window this digest was picked from, so its stories stay due.
        : pending && !subscriber.lastDigestAt ? { lastDigestAt: new Date(Date.parse(pending.composedAt) - FIRST_DIGEST_LOOKBACK_MS).toISOString() } : {}),
    }
  }

  return {
    /** Fills the due index from the store; run once at start. */
    async load(): Promise<number> {
      for await (const s of subscribers.all()) index.set(s.chatId, s.active ? s.nextSendAt : undefined)
      return index.size()
    },

    /** Where digests go; the queue's onSettled must call `settled`. */
    attach(outbound: OutboundQueue) {
      queue = outbound
    },

    /** One scheduler tick: composes the digests of every due subscriber and hands them to the queue. */
    async tick(now = clock.now()): Promise<TickReport> {
      if (!queue) throw new Error('digests.tick before attach(queue)')
      const due = index.due(now).filter((id) => !inProgress.has(id))
      const c = createTickComposer({ articles, summaries, render: deps.render })
      const report: TickReport = { due: due.length, enqueued: 0, nothingNew: 0, groups: 0, composeMs: 0 }
      for (let i = 0; i < due.length; i += BATCH) {
        const started = performance.now()
        const isDue = (s: Subscription | undefined): s is Subscription => Boolean(s?.active && s.nextSendAt && Date.parse(s.nextSendAt) <= now.getTime())
        const batch = (await subscribers.subscriptions(due.slice(i, i + BATCH))).filter(isDue)
        const messages: OutboundMessage[] = []
        const toSave: Subscription[] = []
        for (const subscriber of batch) {
          const date = c.localDate(subscriber.nextSendAt!, subscriber.timeZone)
          const stories = pick(c, subscriber, date, now)
          if (stories.length === 0) {
            report.nothingNew++
            toSave.push(advanced(subscriber, 'empty', now))
            continue
          }
          inProgress.add(subscriber.chatId)
          const parts = await c.render(stories, subscriber.languageCode, date, { now, timeZone: subscriber.timeZone })
          messages.push({ id: digestId(date, subscriber.chatId), chatId: subscriber.chatId, parts })
          const pending = { date, storyIds: stories.map((s) => s.id), composedAt: now.toISOString() }
          if (subscriber.pending?.date !== date) toSave.push({ ...subscriber, pending })
        }
        report.composeMs += performance.now() - started
        await subscribers.saveMany(toSave)
        report.enqueued += messages.length
        await queue.enqueue(messages)
        // Let the queue's timers run between batches: composing 100,000 digests must not stall the sends.
        await new Promise((resolve) => setImmediate(resolve))
      }
      report.groups = c.groups()
      report.composeMs = Math.round(report.composeMs)
      if (due.length > 0) logger.info({ ...report, at: now.toISOString() }, 'digest tick')
      return report
    },

    /**
     * The queue's onSettled: records the outcome on the subscriber and schedules the next digest.
     * Outcomes are saved in groups (one read and one write per group): the journal already holds
     * each delivery, so a crash before the group is saved only makes the next start settle it again.
     */
    settled(message: OutboundMessage, outcome: Outcome): Promise<void> {
      return new Promise((resolve, reject) => {
        settling.push({ message, outcome, resolve, reject })
        if (settling.length >= SETTLE_GROUP) void saveSettled()
        else settleTimer ??= setTimeout(() => void saveSettled(), SETTLE_WAIT_MS)
      })
    },

    /** What the next digest would hold, now, without sending or recording anything. */
    async preview(chatId: number, languageCode: string, fallback: Pick<Subscription, 'timeZone' | 'digestTime'>): Promise<OutboundPart[]> {
      const now = clock.now()
      const [found] = await subscribers.subscriptions([chatId])
      const subscriber = found ?? { chatId, languageCode, active: false, subscribedAt: now.toISOString(), ...fallback, ...(await deps.profiles.get(chatId)) }
      const c = createTickComposer({ articles, summaries, render: deps.render })
      const stories = pick(c, { ...subscriber, pending: undefined }, localDate(now, subscriber.timeZone), now)
      return stories.length > 0 ? c.render(stories, languageCode, localDate(now, subscriber.timeZone), { now, timeZone: subscriber.timeZone }) : []
    },

    today: () => daily.day(clock.now()),
    /** Saves the counters now, e.g. at shutdown. */
    async flushStats() {
      await saveSettled()
      if (flushTimer) clearTimeout(flushTimer)
      flushTimer = undefined
      if (queue) await daily.flush(queue.stats(), clock.now())
    },
    /** Active subscribers with a next digest scheduled. */
    dueCount: () => index.size(),
    /** A subscriber another instance saved (shared Redis): refiles the chat in this instance's due index. */
    noteRemoteChange(subscriber: Subscriber) {
      if (!inProgress.has(subscriber.chatId)) index.set(subscriber.chatId, subscriber.active ? subscriber.nextSendAt : undefined)
    },
    queued: () => queue?.depth() ?? 0,
  }
}
