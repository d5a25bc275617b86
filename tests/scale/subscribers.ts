import { createSubscriberStore, type Subscriber } from '../../src/digest/subscribers.js'
import type { Store } from '../../src/storage/create-store.js'
import { createClock } from '../../src/clock.js'

/** Subscribers whose digest slot is the minute that just passed: due as soon as an instance ticks. */
export async function seedDueSubscribers(store: Store, chats: number[], now = new Date()) {
  const subscribers = createSubscriberStore({ store, clock: createClock(), defaults: { digestTime: '08:00', timeZone: 'UTC' } })
  const slot = new Date(Math.floor(now.getTime() / 60_000) * 60_000 - 60_000)
  const clock = slot.toISOString().slice(11, 16)
  await subscribers.saveMany(chats.map((chatId): Subscriber => ({
    chatId,
    languageCode: 'ar',
    active: true,
    digestTime: clock,
    timeZone: 'UTC',
    subscribedAt: new Date(slot.getTime() - 86_400_000).toISOString(),
    nextSendAt: slot.toISOString(),
  })))
  return subscribers
}
