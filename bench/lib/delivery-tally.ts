import { createHash } from 'node:crypto'
import type { JournalEntry } from '../../src/digest/outbound.js'
import type { Subscriber } from '../../src/digest/subscribers.js'
import { createStore } from '../../src/storage/create-store.js'
import type { FakeBotApi } from '../../tests/helpers/fake-bot-api.js'

/** Counts what the fake Bot API accepted, as it goes, so a 100,000-message run does not pile up in memory. */
export function createTally(api: FakeBotApi) {
  const seen = new Map<string, number>()
  const perChat = new Map<number, number>()
  const at: number[] = []
  let duplicates = 0
  const harvest = () => {
    for (const call of api.takeCalls()) {
      if (call.method !== 'sendMessage' || !call.ok) continue
      const chatId = Number(call.payload.chat_id)
      const key = `${chatId}|${createHash('sha1').update(String(call.payload.text)).digest('base64')}`
      const n = (seen.get(key) ?? 0) + 1
      seen.set(key, n)
      if (n > 1) duplicates++
      else perChat.set(chatId, (perChat.get(chatId) ?? 0) + 1)
      at.push(call.at)
    }
  }
  const timer = setInterval(harvest, 2)
  return {
    harvest() {
      clearInterval(timer)
      harvest()
    },
    sent: () => (harvest(), at.length),
    counts: () => ({ duplicates, perChat }),
    times: () => at.sort((a, b) => a - b),
  }
}

/** Parts each chat's digest has, from the sent journal; a chat with no entry expects one. */
export async function expectedParts(url: string): Promise<Map<number, number>> {
  const store = await createStore(url)
  const parts = new Map<number, number>()
  for await (const [id, entry] of store.entries<JournalEntry>('sent')) parts.set(Number(id.split(':')[2]), entry.parts - (entry.skipped?.length ?? 0))
  await store.close()
  return parts
}

/** Sends per second between two quantiles of the sorted send times (0.1–0.9: the middle 80 %). */
export function rateBetween(times: number[], from: number, to: number): number {
  const a = Math.floor(from * (times.length - 1))
  const b = Math.floor(to * (times.length - 1))
  return b > a ? (b - a) / ((times[b]! - times[a]!) / 1000) : 0
}

/** The most sends in any one-second window: what Telegram's sliding limit sees. */
export function maxInWindow(times: number[]): number {
  let max = 0
  for (let lo = 0, hi = 0; hi < times.length; hi++) {
    while (times[hi]! - times[lo]! >= 1000) lo++
    max = Math.max(max, hi - lo + 1)
  }
  return max
}

/**
 * After a crash run: digests left in doubt (a part in flight at the SIGKILL, never resent), and how many
 * of those chats still have the digest's stories due, i.e. carried into their next digest: no stories
 * marked read, the pick window kept open, the next send scheduled.
 */
export async function carriedOver(url: string): Promise<{ inDoubt: number, carried: number, inDoubtChats: Set<number> }> {
  const store = await createStore(url)
  const inDoubtChats = new Set<number>()
  for await (const [id, entry] of store.entries<JournalEntry>('sent')) if ((entry.inDoubt?.length ?? 0) > 0) inDoubtChats.add(Number(id.split(':')[2]))
  const subscribers = await store.ns<Subscriber>('subscribers').getMany([...inDoubtChats].map(String))
  const carried = subscribers.filter((s) => s?.active && s.nextSendAt && !s.pending && (s.recentStoryIds ?? []).length === 0).length
  await store.close()
  return { inDoubt: inDoubtChats.size, carried, inDoubtChats }
}
