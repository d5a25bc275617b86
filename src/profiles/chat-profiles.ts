import type { ChangeLog } from '../storage/change-log.js'
import type { Store } from '../storage/create-store.js'
import { NO_FILTERS, type TopicFilters } from '../search/filters.js'
import { trimOldest } from '../bounded-map.js'

/** What every reply and every digest needs to know about a chat, apart from when its digest is due. */
export interface ChatProfile {
  chatId: number
  languageCode: string
  timeZone: string
  /** Local time of the daily digest, HH:MM. */
  digestTime: string
  /** Followed and muted topics (src/search/filters.ts: matchesFilters); absent means everything. */
  filters?: TopicFilters
}

export type ProfileChange = Partial<Omit<ChatProfile, 'chatId'>>

export interface ChatProfileStore {
  /** Memory only, no I/O: the profile, null when the chat is known to have none, undefined when not in memory. */
  cached(chatId: number): ChatProfile | null | undefined
  /** From memory when known, else one store read (then remembered, a chat with no profile too). */
  get(chatId: number): Promise<ChatProfile | undefined>
  /** Many at once (a digest tick): memory first, one store read for the rest, which are not kept (a tick must not push out the chats that talk). */
  getMany(chatIds: number[]): Promise<(ChatProfile | undefined)[]>
  /** The chat's followed and muted topics; none for a chat that never set any. */
  filters(chatId: number): Promise<TopicFilters>
  /** Saves a change (a chat without a profile starts from the defaults in `languageCode`) and announces it; no write when nothing changes. */
  update(chatId: number, languageCode: string, change: ProfileChange): Promise<ChatProfile>
  /** Migration: stores these profiles for the chats that have none yet (records the previous version kept on the subscriber). */
  adopt(profiles: ChatProfile[]): Promise<void>
  /** Another process changed these chats' profiles: the next read goes to the store. */
  forget(chatIds: number[]): void
  /**
   * Lists which chats have a stored profile (at start-up, after the change log's position is read), so that a chat
   * that never set one, most chats that write, is known to have none without a store read; returns how many have one.
   */
  load(): Promise<number>
}

export interface ChatProfileDeps {
  store: Store
  defaults: { digestTime: string, timeZone: string }
  /** Changes are announced here; the other processes drop their copy (catalogue-sync: `forget`). */
  changes?: Pick<ChangeLog, 'append'>
  /** Profiles kept in memory; past this the oldest go (a read brings them back). */
  cacheSize?: number
}

const CACHE_SIZE = 50_000

/** Chat profiles in their own keyv namespace, cached in memory so that a reply for a known chat reads no store. */
export function createChatProfiles({ store, defaults, changes, cacheSize = CACHE_SIZE }: ChatProfileDeps): ChatProfileStore {
  const kv = store.ns<ChatProfile>('profiles')
  const key = (chatId: number) => String(chatId)
  const memory = new Map<number, ChatProfile | null>()
  // Bumped by every forget: a store read that began before one may hold the old profile, so it is not kept.
  let forgets = 0
  // The chats with a stored profile, once loaded: a chat joins when this process writes its profile or another
  // announces a change to it (`forget`), and none leaves (profiles are never deleted). Before `load` every
  // chat not in memory is read from the store.
  let stored: Set<number> | undefined
  const early = new Set<number>()
  const listed = (chatId: number) => { (stored ?? early).add(chatId) }
  const known = (chatId: number): ChatProfile | null | undefined => {
    const profile = memory.get(chatId)
    if (profile !== undefined) return profile
    return stored && !stored.has(chatId) ? null : undefined
  }
  const remember = (chatId: number, profile: ChatProfile | null) => {
    memory.delete(chatId)
    memory.set(chatId, profile)
    trimOldest(memory, cacheSize)
  }
  const fromStore = async (chatId: number) => {
    const epoch = forgets
    const found = (await kv.get(key(chatId))) ?? null
    if (epoch === forgets) remember(chatId, found)
    return found
  }
  const get = async (chatId: number) => {
    const profile = known(chatId)
    return (profile !== undefined ? profile : await fromStore(chatId)) ?? undefined
  }
  const announce = async (chatIds: number[]) => { await changes?.append('profiles', chatIds.map(key)) }

  return {
    cached: known,
    get,
    async getMany(chatIds) {
      const out = chatIds.map(known)
      const missing = chatIds.filter((_, i) => out[i] === undefined)
      const read = missing.length > 0 ? await kv.getMany(missing.map(key)) as (ChatProfile | undefined)[] : []
      let r = 0
      return out.map((known) => (known === undefined ? read[r++] : known ?? undefined))
    },
    async filters(chatId) {
      const profile = known(chatId)
      return (profile !== undefined ? profile : await fromStore(chatId))?.filters ?? NO_FILTERS
    },
    async update(chatId, languageCode, change) {
      // Listed before the write starts: a read meanwhile goes to the store, never to "has none".
      listed(chatId)
      // From the store, not memory: a write must start from the newest profile, whichever process wrote it.
      const existing = await kv.get(key(chatId))
      const base: ChatProfile = existing ?? { chatId, languageCode, ...defaults }
      const next: ChatProfile = { ...base, ...change, chatId }
      if (existing && JSON.stringify(existing) === JSON.stringify(next)) {
        remember(chatId, existing)
        return existing
      }
      await kv.set(key(chatId), next)
      remember(chatId, next)
      await announce([chatId])
      return next
    },
    async adopt(profiles) {
      if (profiles.length === 0) return
      const stored = await kv.getMany(profiles.map((p) => key(p.chatId)))
      const fresh = profiles.filter((_, i) => stored[i] === undefined)
      if (fresh.length === 0) return
      for (const p of fresh) listed(p.chatId)
      await kv.setMany(fresh.map((p) => ({ key: key(p.chatId), value: p })))
      for (const p of fresh) memory.delete(p.chatId)
      await announce(fresh.map((p) => p.chatId))
    },
    forget(chatIds) {
      forgets++
      for (const chatId of chatIds) {
        memory.delete(chatId)
        listed(chatId)
      }
    },
    async load() {
      const ids = new Set<number>()
      for await (const [id] of store.entries('profiles')) ids.add(Number(id))
      // After the read: chats listed while it ran are in too.
      for (const id of early) ids.add(id)
      stored = ids
      return ids.size
    },
  }
}
