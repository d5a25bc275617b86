import { describe, expect, it } from 'vitest'
import { startFakeBotApi } from '../helpers/fake-bot-api.js'
import { messageUpdate } from '../helpers/updates.js'
import { startInstance, type Instance } from './instances.js'
import { deletePrefix, redisUrl, scaleRedis, waitFor, warnIfNoRedis } from './redis-helpers.js'

warnIfNoRedis('webhook crash test')

describe.skipIf(!redisUrl)('a webhook update whose instance is killed mid-handler', () => {
  it('is handled again once the lease lapses, and a later copy is answered 200 without handling, given SIGKILL while the reply is held', async () => {
    const { url, prefix } = scaleRedis()
    const api = await startFakeBotApi()
    const env = { TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, STORAGE_URL: url, REDIS_PREFIX: prefix }
    const instances: Instance[] = []
    try {
      instances.push(...await Promise.all([startInstance(env), startInstance(env)]))
      const [doomed, survivor] = instances as [Instance, Instance]
      const chat = 8_700
      const update = messageUpdate({ text: '/help', chatId: chat })

      // The first instance takes the update and is stuck in its reply.
      const hold = api.holdNext('sendMessage')
      const first = doomed.post(update).catch((err: Error) => err)
      await hold.arrived
      // Telegram's copy reaches the other instance while the first is still at it: not a 2xx.
      expect(await survivor.post(update)).toBe(503)

      await doomed.kill()
      expect(await first).toBeInstanceOf(Error)
      // Telegram never got the request: its connection died with the process before an answer.
      await hold.abandoned
      hold.release()
      expect(api.textsTo(chat)).toEqual([])

      // Telegram keeps redelivering; once the dead instance's lease lapses the survivor handles it.
      const statuses: number[] = []
      await waitFor(async () => statuses.push(await survivor.post(update)) > 0 && statuses.at(-1) === 200, 30_000, 'the redelivery to be handled')
      expect(new Set(statuses.slice(0, -1))).toEqual(statuses.length > 1 ? new Set([503]) : new Set())
      expect(api.textsTo(chat)).toHaveLength(1)

      // A copy of the finished update: 200, and nothing more is sent or handled.
      expect(await survivor.post(update)).toBe(200)
      expect(api.textsTo(chat)).toHaveLength(1)
      expect(await survivor.metric('khulasa_updates_handled_total')).toBe(1)
      expect(survivor.lines().map((l) => l.msg).join('\n')).not.toContain(api.token)
    }
    finally {
      await Promise.all(instances.map((i) => i.stop()))
      await api.close()
      await deletePrefix(url, prefix)
    }
  }, 90_000)
})
