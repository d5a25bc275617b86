import type { Clock } from '../clock.js'
import type { ChatProfile, ChatProfileStore } from '../profiles/chat-profiles.js'
import type { Store } from '../storage/create-store.js'
import { nextSendAt } from './schedule.js'

/** A chat's digest scheduling state. Its language, zone, digest time and topics are its profile (src/profiles). */
export interface Subscriber {
  chatId: number
  active: boolean
  subscribedAt: string
  /** UTC instant of the next digest, from the profile's digestTime in its timeZone; absent while inactive. */
  nextSendAt?: string
  /** When the last digest was composed: the next one takes only stories first seen after it. */
  lastDigestAt?: string
  /** Ids of stories in recent digests, never sent again. */
  recentStoryIds?: string[]
  /** The digest being delivered: a restart resends these same stories, not a new pick. */
  pending?: { date: string, storyIds: string[], composedAt: string }
}

/** A subscriber with what its digest needs from the profile. */
export type Subscription = Subscriber & Omit<ChatProfile, 'chatId'>

/** The record the previous version stored: the profile's fields on the subscriber. Read, never written. */
export type LegacySubscriber = Subscriber & Partial<ChatProfile>

export interface SubscriberStore {
  get(chatId: number): Promise<Subscriber | undefined>
  getMany(chatIds: number[]): Promise<(Subscriber | undefined)[]>
  /** Subscribers joined with their profiles (defaults for a chat without one), for composing and scheduling digests. */
  subscriptions(chatIds: number[]): Promise<(Subscription | undefined)[]>
  save(subscriber: Subscriber): Promise<Subscriber>
  /** Digest bookkeeping: only the scheduling fields are written, whatever else the records carry. */
  saveMany(many: Subscriber[]): Promise<void>
  /** Called after every write, e.g. to keep the scheduler's due index current. */
  onChange(listener: (subscriber: Subscriber) => void): void
  /** Subscribes, or re-activates; returns whether the chat was already an active subscriber. */
  subscribe(chatId: number, languageCode: string): Promise<{ subscriber: Subscription, already: boolean }>
  /** Sets the local digest time (HH:MM) and/or zone and reschedules; undefined when the chat is not subscribed. */
  reschedule(chatId: number, change: Partial<Pick<ChatProfile, 'digestTime' | 'timeZone'>>): Promise<Subscription | undefined>
  /** Returns false when there was no active subscription. */
  unsubscribe(chatId: number): Promise<boolean>
  all(): AsyncGenerator<Subscriber>
}

export interface SubscriberStoreDeps {
  store: Store
  clock: Clock
  profiles: ChatProfileStore
  defaults: { digestTime: string, timeZone: string }
}

const PROFILE_FIELDS = ['languageCode', 'timeZone', 'digestTime', 'filters'] as const
const UPGRADE_BATCH = 500

/** Only the scheduling fields: a joined Subscription or a legacy record is stored without its profile. */
function scheduling({ chatId, active, subscribedAt, nextSendAt, lastDigestAt, recentStoryIds, pending }: Subscriber): Subscriber {
  return { chatId, active, subscribedAt, nextSendAt, lastDigestAt, recentStoryIds, pending }
}

/**
 * Subscribers in keyv. A record written by the previous version carries the chat's profile: every read hands
 * such profiles to the profile store (kept only where the chat has none yet) before returning the scheduling
 * fields, and the next save drops them. The digest's load reads every record at start, so all are migrated then.
 */
export function createSubscriberStore({ store, clock, profiles, defaults }: SubscriberStoreDeps): SubscriberStore {
  const kv = store.ns<LegacySubscriber>('subscribers')
  const key = (chatId: number) => String(chatId)
  const listeners: ((subscriber: Subscriber) => void)[] = []

  const isLegacy = (r: LegacySubscriber) => PROFILE_FIELDS.some((f) => r[f] !== undefined)
  const legacyProfile = (r: LegacySubscriber): ChatProfile =>
    ({ chatId: r.chatId, languageCode: r.languageCode ?? 'ar', timeZone: r.timeZone ?? defaults.timeZone, digestTime: r.digestTime ?? defaults.digestTime, ...(r.filters ? { filters: r.filters } : {}) })
  async function upgraded<T extends LegacySubscriber | undefined>(records: T[]): Promise<(Subscriber | undefined)[]> {
    const legacy = records.filter((r): r is NonNullable<T> => r !== undefined && isLegacy(r))
    if (legacy.length > 0) await profiles.adopt(legacy.map(legacyProfile))
    return records.map((r) => (r ? scheduling(r) : undefined))
  }
  const get = async (chatId: number) => (await upgraded([await kv.get(key(chatId))]))[0]
  const getMany = async (chatIds: number[]) => (chatIds.length > 0 ? upgraded(await kv.getMany(chatIds.map(key)) as (LegacySubscriber | undefined)[]) : [])
  const join = (s: Subscriber, p: ChatProfile | undefined): Subscription => {
    const { chatId: _, ...profile } = p ?? legacyProfile(s)
    return { ...s, ...profile }
  }

  const put = async (subscriber: Subscriber) => {
    const record = scheduling(subscriber)
    await kv.set(key(record.chatId), record)
    for (const listener of listeners) listener(record)
    return record
  }
  const scheduled = (s: Subscriber, p: ChatProfile): Subscriber =>
    ({ ...s, nextSendAt: s.active ? nextSendAt(p.digestTime, p.timeZone, clock.now()).toISOString() : undefined })

  return {
    get,
    getMany,
    async subscriptions(chatIds) {
      if (chatIds.length === 0) return []
      // Both reads at once: a record not yet migrated supplies its own profile this time.
      const [raw, joined] = await Promise.all([kv.getMany(chatIds.map(key)) as Promise<(LegacySubscriber | undefined)[]>, profiles.getMany(chatIds)])
      const found = await upgraded(raw)
      return found.map((s, i) => (s ? join(s, joined[i] ?? (isLegacy(raw[i]!) ? legacyProfile(raw[i]!) : undefined)) : undefined))
    },
    save: put,
    async saveMany(many) {
      if (many.length === 0) return
      const records = many.map(scheduling)
      await kv.setMany(records.map((s) => ({ key: key(s.chatId), value: s })))
      for (const s of records) for (const listener of listeners) listener(s)
    },
    onChange(listener) {
      listeners.push(listener)
    },

    async reschedule(chatId, change) {
      const existing = await get(chatId)
      if (!existing?.active) return undefined
      const profile = await profiles.update(chatId, 'ar', change)
      return join(await put(scheduled(existing, profile)), profile)
    },

    async unsubscribe(chatId) {
      const existing = await get(chatId)
      if (!existing?.active) return false
      await put({ ...existing, active: false, nextSendAt: undefined, pending: undefined })
      return true
    },

    async subscribe(chatId, languageCode) {
      const existing = await get(chatId)
      if (existing?.active) return { subscriber: join(existing, await profiles.get(chatId)), already: true }
      const profile = await profiles.update(chatId, languageCode, { languageCode })
      const subscriber: Subscriber = existing ? { ...existing, active: true } : { chatId, active: true, subscribedAt: clock.now().toISOString() }
      return { subscriber: join(await put(scheduled(subscriber, profile)), profile), already: false }
    },

    async* all() {
      let batch: LegacySubscriber[] = []
      for await (const [, subscriber] of store.entries<LegacySubscriber>('subscribers')) {
        batch.push(subscriber)
        if (batch.length < UPGRADE_BATCH) continue
        yield* await upgraded(batch) as Subscriber[]
        batch = []
      }
      yield* await upgraded(batch) as Subscriber[]
    },
  }
}
