import { minuteOf } from './schedule.js'

/**
 * Which chats are due, by UTC minute, kept in memory so a tick never scans the store:
 * 1,000,000 subscribers fit in about 100 MB and a tick reads only its own buckets.
 */
export function createDueIndex() {
  const minuteByChat = new Map<number, number>()
  const buckets = new Map<number, Set<number>>()

  function remove(chatId: number) {
    const minute = minuteByChat.get(chatId)
    if (minute === undefined) return
    minuteByChat.delete(chatId)
    const bucket = buckets.get(minute)
    bucket?.delete(chatId)
    if (bucket?.size === 0) buckets.delete(minute)
  }

  return {
    /** Files the chat under its next send time, or drops it when there is none. */
    set(chatId: number, nextSendAt: string | undefined) {
      remove(chatId)
      if (!nextSendAt) return
      const minute = minuteOf(Date.parse(nextSendAt))
      minuteByChat.set(chatId, minute)
      let bucket = buckets.get(minute)
      if (!bucket) buckets.set(minute, bucket = new Set())
      bucket.add(chatId)
    },
    /** Chats whose send time is at or before this minute, earliest first. */
    due(now: Date): number[] {
      const upTo = minuteOf(now)
      const minutes = [...buckets.keys()].filter((m) => m <= upTo).sort((a, b) => a - b)
      return minutes.flatMap((m) => [...buckets.get(m)!])
    },
    size: () => minuteByChat.size,
  }
}
