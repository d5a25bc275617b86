import { createHash } from 'node:crypto'
import { trimOldest } from '../bounded-map.js'

/**
 * Callback data holds at most 64 bytes, too few for an Arabic query; a page button carries this short key instead.
 * A key that has fallen out (restart, old message) is reported as stale, never guessed.
 */
export interface QueryMemo {
  /** A short key for the query, kept until `max` newer ones push it out. */
  remember(query: string): string
  recall(key: string): string | undefined
}

export function createQueryMemo(max = 1000): QueryMemo {
  const queries = new Map<string, string>()
  // The same query asked again (a trending word) finds its key here instead of hashing again.
  const keys = new Map<string, string>()
  return {
    remember(query) {
      let key = keys.get(query)
      if (key === undefined) {
        keys.set(query, key = createHash('sha256').update(query).digest('base64url').slice(0, 10))
        trimOldest(keys, max)
      }
      queries.delete(key)
      queries.set(key, query)
      trimOldest(queries, max)
      return key
    },
    recall: (key) => queries.get(key),
  }
}
