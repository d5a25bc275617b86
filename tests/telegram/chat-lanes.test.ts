import { describe, expect, it } from 'vitest'
import type { Update } from 'telegraf/types'
import { createLanes, laneKey } from '../../src/telegram/chat-lanes.js'
import { callbackUpdate, inlineQueryUpdate, messageUpdate } from '../helpers/updates.js'

/** A task that finishes when the test says so, recording when it started. */
function gate(log: string[], name: string) {
  let open!: () => void
  const opened = new Promise<void>((resolve) => { open = resolve })
  return { task: async () => { log.push(`start ${name}`); await opened; log.push(`end ${name}`) }, open }
}

const settle = () => new Promise((resolve) => setImmediate(resolve))

describe('createLanes', () => {
  it('runs one key\'s tasks in order and other keys alongside, given a first task that has not finished', async () => {
    const lanes = createLanes()
    const log: string[] = []
    const [a1, a2, b1] = [gate(log, 'a1'), gate(log, 'a2'), gate(log, 'b1')]
    const done = [lanes.run('a', a1.task), lanes.run('a', a2.task), lanes.run('b', b1.task)]
    await settle()
    expect(log).toEqual(['start a1', 'start b1'])
    b1.open()
    a1.open()
    await settle()
    expect(log).toEqual(['start a1', 'start b1', 'end b1', 'end a1', 'start a2'])
    a2.open()
    await Promise.all(done)
    expect(lanes.busy()).toBe(0)
  })

  it('goes on after a failed task, and gives up waiting on one that never ends, given maxWaitMs', async () => {
    const lanes = createLanes({ maxWaitMs: 0 })
    await expect(lanes.run('a', async () => { throw new Error('boom') })).rejects.toThrow('boom')
    void lanes.run('a', () => new Promise<never>(() => {}))
    await expect(lanes.run('a', async () => 'next')).resolves.toBe('next')
  })
})

describe('laneKey', () => {
  it('keys messages and buttons by chat, inline queries and inline-message buttons by user, and nothing else', () => {
    expect(laneKey(messageUpdate({ text: '/help', chatId: -7, userId: 3, chatType: 'group' }))).toBe('chat:-7')
    expect(laneKey(callbackUpdate({ data: 'x', chatId: 8 }))).toBe('chat:8')
    expect(laneKey(inlineQueryUpdate({ query: '', userId: 9 }))).toBe('user:9')
    const { message: _message, ...query } = callbackUpdate({ data: 'x', chatId: 10 }).callback_query
    expect(laneKey({ update_id: 1, callback_query: { ...query, inline_message_id: 'A' } } as Update)).toBe('user:10')
    expect(laneKey({ update_id: 2, poll: { id: 'p' } } as unknown as Update)).toBeUndefined()
  })
})
