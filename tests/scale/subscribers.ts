import { createSubscriberStore, type Subscriber } from '../../src/digest/subscribers.js'
import { createChatProfiles } from '../../src/profiles/chat-profiles.js'
import type { Store } from '../../src/storage/create-store.js'
import { createClock } from '../../src/clock.js'

/** The subscriber store a test reads the scheduling state from (profiles uncached, nothing announced). */
export function subscriberStore(store: Store) {
  const defaults = { digestTime: '08:00', timeZone: 'UTC' }
  return createSubscriberStore({ store, clock: createClock(), profiles: createChatProfiles({ store, defaults }), defaults })
}

/** Subscribers whose digest slot is the minute that just passed: due as soon as an instance ticks. */
export async function seedDueSubscribers(store: Store, chats: number[], now = new Date()) {
  const subscribers = subscriberStore(store)
  const slot = new Date(Math.floor(now.getTime() / 60_000) * 60_000 - 60_000)
  const clock = slot.toISOString().slice(11, 16)
  await createChatProfiles({ store, defaults: { digestTime: clock, timeZone: 'UTC' } })
    .adopt(chats.map((chatId) => ({ chatId, languageCode: 'ar', digestTime: clock, timeZone: 'UTC' })))
  await subscribers.saveMany(chats.map((chatId): Subscriber => ({
    chatId,
    active: true,
    subscribedAt: new Date(slot.getTime() - 86_400_000).toISOString(),
    nextSendAt: slot.toISOString(),
  })))
  return subscribers
}
