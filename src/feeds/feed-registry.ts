import type { Store } from '../storage/create-store.js'
import type { FeedSpec } from './feed-list.js'

/** What the poller remembers about a feed between polls and restarts. */
export interface FeedState {
  url: string
  failures: number
  lastAttemptAt?: string
  lastSuccessAt?: string
  lastErrorAt?: string
  lastError?: string
  /** While a feed keeps failing it is skipped until then. */
  nextAttemptAt?: string
  etag?: string
  lastModified?: string
  /** Items in the last feed document read, and how many of them were new stories. */
  lastItems?: number
  lastAdded?: number
}

export type FeedOrigin = 'config' | 'added'
export interface ListedFeed extends FeedSpec { origin: FeedOrigin }

interface RuntimeList { added: FeedSpec[], removed: string[] }

export type FeedRegistry = ReturnType<typeof createFeedRegistry>

/**
 * The feeds to poll: configured ones (FEEDS, feeds.json) plus those admins added, minus those admins removed.
 * Admin changes and every feed's state live in keyv, so they survive restarts.
 */
export function createFeedRegistry({ store, configured }: { store: Store, configured: () => Promise<FeedSpec[]> }) {
  const kv = store.ns<RuntimeList | FeedState>('feeds')
  const runtime = async () => ((await kv.get('list')) as RuntimeList | undefined) ?? { added: [], removed: [] }
  const stateKey = (url: string) => `state:${url}`

  return {
    async list(): Promise<ListedFeed[]> {
      const { added, removed } = await runtime()
      const gone = new Set(removed)
      const fromConfig = (await configured()).filter((f) => !gone.has(f.url)).map((f) => ({ ...f, origin: 'config' as const }))
      const known = new Set(fromConfig.map((f) => f.url))
      return [...fromConfig, ...added.filter((f) => !known.has(f.url)).map((f) => ({ ...f, origin: 'added' as const }))]
    },

    async find(url: string): Promise<ListedFeed | undefined> {
      return (await this.list()).find((f) => f.url === url)
    },

    /** false when the feed is already polled. */
    async add(spec: FeedSpec): Promise<boolean> {
      if (await this.find(spec.url)) return false
      const list = await runtime()
      const isConfigured = (await configured()).some((f) => f.url === spec.url)
      await kv.set('list', {
        added: isConfigured ? list.added : [...list.added.filter((f) => f.url !== spec.url), spec],
        removed: list.removed.filter((u) => u !== spec.url),
      })
      return true
    },

    /** false when no such feed is polled. Its stories stay; a configured feed stays removed until added again. */
    async remove(url: string): Promise<boolean> {
      const feed = await this.find(url)
      if (!feed) return false
      const list = await runtime()
      await kv.set('list', {
        added: list.added.filter((f) => f.url !== url),
        removed: feed.origin === 'config' ? [...list.removed, url] : list.removed,
      })
      await kv.delete(stateKey(url))
      return true
    },

    async state(url: string): Promise<FeedState> {
      return ((await kv.get(stateKey(url))) as FeedState | undefined) ?? { url, failures: 0 }
    },

    async saveState(state: FeedState): Promise<void> {
      const clean = Object.fromEntries(Object.entries(state).filter(([, v]) => v !== undefined)) as unknown as FeedState
      await kv.set(stateKey(state.url), clean)
    },
  }
}
