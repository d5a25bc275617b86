import type { Store } from '../storage/create-store.js'

export interface Subscriber {
  chatId: number
  languageCode: string
  active: boolean
  /** Local time of the daily digest, HH:MM. */
  digestTime: string
  timeZone: string
  subscribedAt: string
}

export type SubscriberStore = ReturnType<typeof createSubscriberStore>

export function createSubscriberStore({ store, defaults }: { store: Store, defaults: { digestTime: string, timeZone: string } }) {
  const kv = store.ns<Subscriber>('subscribers')
  const key = (chatId: number) => String(chatId)
  return {
    get: (chatId: number) => kv.get(key(chatId)),
    save: (subscriber: Subscriber) => kv.set(key(subscriber.chatId), subscriber),

    /** Subscribes, or re-activates; returns whether the chat was already an active subscriber. */
    async subscribe(chatId: number, languageCode: string, now = new Date()): Promise<{ subscriber: Subscriber, already: boolean }> {
      const existing = await kv.get(key(chatId))
      if (existing?.active) return { subscriber: existing, already: true }
      const subscriber: Subscriber = existing
        ? { ...existing, active: true, languageCode }
        : { chatId, languageCode, active: true, digestTime: defaults.digestTime, timeZone: defaults.timeZone, subscribedAt: now.toISOString() }
      await kv.set(key(chatId), subscriber)
      return { subscriber, already: false }
    },

    async* all(): AsyncGenerator<Subscriber> {
      for await (const [, subscriber] of store.entries<Subscriber>('subscribers')) yield subscriber
    },
  }
}
