import { setTimeout as sleep } from 'node:timers/promises'
import type { Update } from 'telegraf/types'

/**
 * One promise chain per key: tasks with the same key run one after another in the order they
 * were given, tasks with different keys run alongside. A key's chain is forgotten once it is idle.
 * A task waits at most `maxWaitMs` for the one before it: a reply hung on the network holds up
 * its chat for a minute, not until the next restart.
 */
export function createLanes({ maxWaitMs = 60_000 }: { maxWaitMs?: number } = {}) {
  const tails = new Map<string, Promise<void>>()

  function after(previous: Promise<void> | undefined): Promise<void> {
    if (!previous) return Promise.resolve()
    const gaveUp = new AbortController()
    const waited = sleep(maxWaitMs, undefined, { ref: false, signal: gaveUp.signal }).catch(() => {})
    return Promise.race([previous, waited]).finally(() => gaveUp.abort())
  }

  /** A task's own throw becomes its promise's rejection, as if it had been chained. */
  function start<T>(task: () => Promise<T>): Promise<T> {
    try {
      return task()
    }
    catch (err) {
      return Promise.reject(err)
    }
  }

  function forget(key: string, tail: Promise<void>) {
    if (tails.get(key) === tail) tails.delete(key)
  }

  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(key)
      // A key with nothing queued (nearly every update) starts at once: no promise to wait on, no timer.
      const result = previous ? after(previous).then(task) : start(task)
      // Anonymous on purpose: tsx names each closure assigned to a name, with a defineProperty call per update.
      const tail: Promise<void> = result.then(() => forget(key, tail), () => forget(key, tail))
      tails.set(key, tail)
      return result
    },
    /** Keys with work queued or running. */
    busy: () => tails.size,
  }
}

/**
 * Whose turn an update waits for: its chat, or for inline queries and buttons on inline messages
 * (which have no chat) the user. Undefined for updates that belong to no conversation.
 */
export function laneKey(update: Update): string | undefined {
  const message = 'message' in update ? update.message
    : 'edited_message' in update ? update.edited_message
      : 'channel_post' in update ? update.channel_post
        : 'edited_channel_post' in update ? update.edited_channel_post
          : undefined
  if (message) return `chat:${message.chat.id}`
  if ('callback_query' in update) {
    const query = update.callback_query
    return query.message ? `chat:${query.message.chat.id}` : `user:${query.from.id}`
  }
  if ('inline_query' in update) return `user:${update.inline_query.from.id}`
  if ('chosen_inline_result' in update) return `user:${update.chosen_inline_result.from.id}`
  return undefined
}
