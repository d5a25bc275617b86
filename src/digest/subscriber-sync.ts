import { randomUUID } from 'node:crypto'
import type { Redis } from 'ioredis'
import type { Logger } from '../logger.js'
import type { Subscriber, SubscriberStore } from './subscribers.js'

const FLUSH_MS = 100
const READ_BATCH = 1000

/**
 * Keeps each instance's in-memory due index in step with subscriber changes made by the others:
 * a /subscribe handled by instance B must be due in instance A too, since A may win the next
 * minute's tick. Changed chat ids are published in batches on a Redis channel; the others re-read
 * those subscribers from the shared store. Pub/sub drops messages while Redis is down; a change
 * lost that way is still sent by its own instance, or by any instance after a restart (load()).
 */
export async function startSubscriberSync({ redis, prefix, subscribers, onRemoteChange, logger }: {
  redis: Redis
  prefix: string
  subscribers: SubscriberStore
  onRemoteChange: (subscriber: Subscriber) => void
  logger: Logger
}) {
  const channel = `${prefix}:subscribers-changed`
  const self = randomUUID()
  const listener = redis.duplicate()
  listener.on('error', () => {})
  await listener.subscribe(channel)
  const changed = new Set<number>()
  let timer: NodeJS.Timeout | undefined

  async function refresh(chatIds: number[]) {
    for (let i = 0; i < chatIds.length; i += READ_BATCH) {
      const found = await subscribers.getMany(chatIds.slice(i, i + READ_BATCH))
      for (const subscriber of found) if (subscriber) onRemoteChange(subscriber)
    }
  }

  listener.on('message', (_channel: string, message: string) => {
    const [from, list] = message.split(' ')
    if (from === self || !list) return
    refresh(list.split(',').map(Number).filter(Number.isSafeInteger))
      .catch((err: Error) => logger.warn(`could not read subscribers changed by another instance: ${err.message}`))
  })

  function flush() {
    timer = undefined
    if (changed.size === 0) return
    const ids = [...changed]
    changed.clear()
    redis.publish(channel, `${self} ${ids.join(',')}`)
      .catch((err: Error) => logger.warn(`could not tell the other instances about ${ids.length} subscriber change(s): ${err.message}`))
  }

  subscribers.onChange((subscriber) => {
    changed.add(subscriber.chatId)
    timer ??= setTimeout(flush, FLUSH_MS)
  })

  return {
    async close() {
      if (timer) clearTimeout(timer)
      flush()
      listener.disconnect()
    },
  }
}
