import type { Clock } from '../clock.js'
import type { ChangeLog } from '../storage/change-log.js'
import { NO_FILTERS, type TopicFilters } from '../search/filters.js'
import type { Store } from '../storage/create-store.js'
import { nextSendAt } from './schedule.js'

export interface Subscriber {
  chatId: number
  languageCode: string
  active: boolean
  /** Local time of the daily digest, HH:MM. */
  digestTime: string
  timeZone: string
  subscribedAt: string
  /** UTC instant of the next digest, from digestTime in timeZone; absent while inactive. */
  nextSendAt?: string
  /** When the last digest was composed: the next one takes only stories first seen after it. */
  lastDigestAt?: string
  /** Ids of stories in recent digests, never sent again. */
  recentStoryIds?: string[]
  /** The digest being delivered: a restart resends these same stories, not a new pick. */
  pending?: { date: string, storyIds: string[], composedAt: string }
  /** Followed and muted topics (src/search/filters.ts: matchesFilters); absent means everything. */
  filters?: TopicFilters
}

export type SubscriberStore = ReturnType<typeof createSubscriberStore>

/** What every reply needs to know about a chat: its language, zone, digest time and topics. */
export type ChatProfile = Pick<Subscriber, 'chatId' | 'languageCode' | 'active' | 'digestTime' | 'timeZone' | 'filters'>

/** Profiles kept in memory; past this the oldest go (a read brings them back). */
const PROFILE_CACHE = 50_000

export interface SubscriberStoreDeps {
  store: Store
  clock: Clock
  defaults: { digestTime: string, timeZone: string }
  /** Profile changes are announced here; other processes drop their cached copy (see `forgetProfiles`). */
  changes?: Pick<ChangeLog, 'append'>
}

/**
 * Subscribers in keyv. Chat profiles are also cached in memory, so a reply reads no store: a profile
 * written here updates the cache and is announced on the change log; another process's write reaches
 * this cache through `forgetProfiles`. Digest bookkeeping (save, saveMany) never touches a profile.
 */
export function createSubscriberStore({ store, clock, defaults, changes }: SubscriberStoreDeps) {
  const kv = store.ns<Subscriber>('subscribers')
  const key = (chatId: number) => String(chatId)
  const listeners: ((subscriber: Subscriber) => void)[] = []
  const profiles = new Map<number, ChatProfile | null>()
  const remember = (chatId: number, profile: ChatProfile | null) => {
    profiles.delete(chatId)
    profiles.set(chatId, profile)
    if (profiles.size > PROFILE_CACHE) profiles.delete(profiles.keys().next().value!)
  }
  const profileOf = ({ chatId, languageCode, active, digestTime, timeZone, filters }: Subscriber): ChatProfile =>
    ({ chatId, languageCode, active, digestTime, timeZone, filters })
  const put = async (subscriber: Subscriber, profileChanged = false) => {
    await kv.set(key(subscriber.chatId), subscriber)
    remember(subscriber.chatId, profileOf(subscriber))
    for (const listener of listeners) listener(subscriber)
    if (profileChanged) await changes?.append('profiles', [key(subscriber.chatId)])
    return subscriber
  }
  async function profile(chatId: number): Promise<ChatProfile | undefined> {
    const cached = profiles.get(chatId)
    if (cached !== undefined) return cached ?? undefined
    const found = await kv.get(key(chatId))
    remember(chatId, found ? profileOf(found) : null)
    return found ? profileOf(found) : undefined
  }
  const scheduled = (s: Subscriber): Subscriber =>
    ({ ...s, nextSendAt: s.active ? nextSendAt(s.digestTime, s.timeZone, clock.now()).toISOString() : undefined })
  return {
    get: (chatId: number) => kv.get(key(chatId)),
    /** The chat's language, zone, digest time and topics, from memory when known. */
    profile,
    /** The chat's followed and muted topics; none for a chat that never set any. */
    filters: async (chatId: number): Promise<TopicFilters> => (await profile(chatId))?.filters ?? NO_FILTERS,
    /** Another process changed these chats' profiles: the next read goes to the store. */
    forgetProfiles(chatIds: number[]) {
      for (const chatId of chatIds) profiles.delete(chatId)
    },
    getMany: async (chatIds: number[]): Promise<(Subscriber | undefined)[]> =>
      (chatIds.length > 0 ? kv.getMany(chatIds.map(key)) as Promise<(Subscriber | undefined)[]> : []),
    save: (subscriber: Subscriber) => put(subscriber),
    async saveMany(many: Subscriber[]) {
      if (many.length === 0) return
      await kv.setMany(many.map((s) => ({ key: key(s.chatId), value: s })))
      for (const s of many) {
        if (profiles.has(s.chatId)) remember(s.chatId, profileOf(s))
        for (const listener of listeners) listener(s)
      }
    },
    /** Called after every write, e.g. to keep the scheduler's due index current. */
    onChange(listener: (subscriber: Subscriber) => void) {
      listeners.push(listener)
    },

    /** Sets the local digest time (HH:MM) and/or zone and reschedules; undefined when the chat is not subscribed. */
    async reschedule(chatId: number, change: Partial<Pick<Subscriber, 'digestTime' | 'timeZone'>>): Promise<Subscriber | undefined> {
      const existing = await kv.get(key(chatId))
      if (!existing?.active) return undefined
      return put(scheduled({ ...existing, ...change }), true)
    },

    /** Saves followed/muted topics; a chat that never subscribed gets an inactive record that only holds them. */
    async setFilters(chatId: number, languageCode: string, filters: TopicFilters): Promise<Subscriber> {
      const existing = await kv.get(key(chatId))
      const base: Subscriber = existing ?? { chatId, languageCode, active: false, ...defaults, subscribedAt: clock.now().toISOString() }
      return put({ ...base, filters }, true)
    },

    /** Returns false when there was no active subscription. */
    async unsubscribe(chatId: number): Promise<boolean> {
      const existing = await kv.get(key(chatId))
      if (!existing?.active) return false
      await put({ ...existing, active: false, nextSendAt: undefined, pending: undefined })
      return true
    },

    /** Subscribes, or re-activates; returns whether the chat was already an active subscriber. */
    async subscribe(chatId: number, languageCode: string): Promise<{ subscriber: Subscriber, already: boolean }> {
      const existing = await kv.get(key(chatId))
      if (existing?.active) return { subscriber: existing, already: true }
      const subscriber: Subscriber = existing
        ? { ...existing, active: true, languageCode }
        : { chatId, languageCode, active: true, digestTime: defaults.digestTime, timeZone: defaults.timeZone, subscribedAt: clock.now().toISOString() }
      return { subscriber: await put(scheduled(subscriber)), already: false }
    },

    async* all(): AsyncGenerator<Subscriber> {
      for await (const [, subscriber] of store.entries<Subscriber>('subscribers')) yield subscriber
    },
  }
}
