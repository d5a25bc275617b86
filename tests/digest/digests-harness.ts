import type { Article } from '../../src/articles/types.js'
import { createCore, type Core } from '../../src/core.js'
import { createManualClock, type Clock } from '../../src/clock.js'
import { createDigests, type FilterOf } from '../../src/digest/digests.js'
import { createMemoryQueue } from '../../src/digest/memory-queue.js'
import type { Deliver, OutboundQueue } from '../../src/digest/outbound.js'
import { createSentLog } from '../../src/digest/sent-log.js'
import { createLogger } from '../../src/logger.js'
import { createStore, type Store } from '../../src/storage/create-store.js'
import { renderDigest } from '../../src/telegram/digest-format.js'
import { testConfig } from '../helpers/core.js'

const silent = createLogger({ level: 'silent' })

export const fakeClock = (iso: string) => createManualClock(iso)

export interface SetupOptions {
  clock: Clock
  env?: Record<string, string>
  store?: Store
  deliver?: Deliver
  filterOf?: FilterOf
  perChatIntervalMs?: number
  coldStart?: boolean
}

export async function setup(options: SetupOptions) {
  const store = options.store ?? await createStore('memory://')
  const config = testConfig({ SEND_RATE: '30', SEND_RETRY_BASE_MS: '10', ...options.env })
  const core = await createCore(config, silent, { store, clock: options.clock })
  const digests = options.filterOf
    ? createDigests({ ...core, store, size: config.DIGEST_SIZE, clock: options.clock, render: renderDigest, logger: silent, filterOf: options.filterOf })
    : core.digests
  if (options.filterOf) await digests.load()
  const sent: { chatId: number, text: string, at: Date }[] = []
  const deliver: Deliver = options.deliver ?? (async (chatId, part) => { sent.push({ chatId, text: part.text, at: options.clock.now() }); return { kind: 'ok' } })
  const queue = createMemoryQueue({
    deliver,
    journal: createSentLog(store, options.clock),
    perSecond: config.SEND_RATE,
    retryBaseMs: 10,
    perChatIntervalMs: options.perChatIntervalMs ?? 1000,
    coldStart: options.coldStart ?? false,
    onSettled: (message, outcome) => digests.settled(message, outcome),
    logger: silent,
  })
  digests.attach(queue)
  return { core, digests, queue, sent, store }
}

export async function addStories(core: Core, stories: Article[]) {
  await core.articles.upsert(stories)
  await core.summaries.ensure(stories)
}

export async function subscribe(core: Core, chatId: number, digestTime: string, timeZone: string) {
  await core.subscribers.subscribe(chatId, 'ar')
  await core.subscribers.reschedule(chatId, { digestTime, timeZone })
}

export async function tickAndDrain(digests: Core['digests'], queue: OutboundQueue, at: Date) {
  const report = await digests.tick(at)
  await queue.drain()
  return report
}
