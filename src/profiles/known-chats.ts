import { NO_FILTERS } from '../search/filters.js'
import type { Store } from '../storage/create-store.js'
import type { ChatProfile, ChatProfileStore } from './chat-profiles.js'

/**
 * The chats that have a stored profile, so a chat that never set one (most chats that write, and every first
 * message) is known to have none without a store read. The ids are listed once at start-up (`load`, after the
 * change log's position is read, so a profile written meanwhile is listed or announced); after that a chat joins
 * the list when this process writes its profile or another one announces a change to it (`forget`), and nobody
 * leaves it (profiles are never deleted). Until the list is loaded every call passes through unchanged.
 * Coordinates with src/profiles/chat-profiles.ts through its interface only: the profiles themselves stay there.
 */
export function knownChats(profiles: ChatProfileStore, store: Pick<Store, 'entries'>): { profiles: ChatProfileStore, load(): Promise<number> } {
  let stored: Set<number> | undefined
  const early = new Set<number>()
  const add = (chatId: number) => { (stored ?? early).add(chatId) }

  /** Memory only: the profile, null when the chat has none (in memory or never stored), undefined when it must be read. */
  const cached = (chatId: number): ChatProfile | null | undefined => {
    const known = profiles.cached(chatId)
    if (known !== undefined) return known
    return stored && !stored.has(chatId) ? null : undefined
  }

  return {
    profiles: {
      cached,
      async get(chatId) {
        const known = cached(chatId)
        return known !== undefined ? known ?? undefined : profiles.get(chatId)
      },
      getMany: (chatIds) => profiles.getMany(chatIds),
      async filters(chatId) {
        const known = cached(chatId)
        return known !== undefined ? known?.filters ?? NO_FILTERS : profiles.filters(chatId)
      },
      // Listed before the write starts: a read meanwhile goes to the store, never to "has none".
      update(chatId, languageCode, change) {
        add(chatId)
        return profiles.update(chatId, languageCode, change)
      },
      adopt(adopted) {
        for (const p of adopted) add(p.chatId)
        return profiles.adopt(adopted)
      },
      forget(chatIds) {
        for (const chatId of chatIds) add(chatId)
        profiles.forget(chatIds)
      },
    },
    async load() {
      const ids = new Set(early)
      for await (const [key] of store.entries('profiles')) ids.add(Number(key))
      for (const id of early) ids.add(id)
      stored = ids
      return ids.size
    },
  }
}
