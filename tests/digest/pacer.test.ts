import { describe, expect, it } from 'vitest'
import { createPacer } from '../../src/digest/pacer.js'

/** Drives the pacer on simulated time: every send is answered `latency` ms later; returns the send times. */
interface Simulation { perSecond: number, messages: number, chats: (i: number) => string, latency?: number, stepMs?: number }

function simulate({ perSecond, messages, chats, latency = 1, stepMs = 1 }: Simulation) {
  const pacer = createPacer({ perSecond })
  const sends: { at: number, chat: string }[] = []
  const answers: { at: number, done: (at: number) => void }[] = []
  let t = 0
  let i = 0
  while (i < messages && t < 10_000_000) {
    for (const a of answers.splice(0).filter((x) => { if (x.at <= t) { x.done(x.at); return false } return true })) answers.push(a)
    const r = pacer.reserve(chats(i), t)
    if ('slot' in r) {
      sends.push({ at: t, chat: chats(i) })
      const slot = r.slot
      answers.push({ at: t + latency, done: (at) => slot.done(at) })
      i++
      continue
    }
    t += stepMs
  }
  return sends
}

function maxInWindow(times: number[], windowMs = 1000): number {
  let max = 0
  let lo = 0
  for (let hi = 0; hi < times.length; hi++) {
    while (times[hi]! - times[lo]! >= windowMs) lo++
    max = Math.max(max, hi - lo + 1)
  }
  return max
}

describe('createPacer', () => {
  it('never exceeds 30 in any sliding second yet reaches at least 98 %, given 3000 messages to distinct chats', () => {
    const sends = simulate({ perSecond: 30, messages: 3000, chats: (i) => `c${i}` })
    const times = sends.map((s) => s.at)
    expect(maxInWindow(times)).toBe(30)
    const rate = (times.length - 1) / ((times.at(-1)! - times[0]!) / 1000)
    expect(rate).toBeGreaterThanOrEqual(30 * 0.98)
    expect(rate).toBeLessThanOrEqual(30)
  })

  it('spreads sends evenly instead of bursting, given 30/s', () => {
    const times = simulate({ perSecond: 30, messages: 60, chats: (i) => `c${i}` }).map((s) => s.at)
    expect(maxInWindow(times, 100)).toBeLessThanOrEqual(4)
  })

  it('keeps 1000/s exact, given the paid broadcast rate', () => {
    const times = simulate({ perSecond: 1000, messages: 5000, chats: (i) => `c${i}`, stepMs: 0.25 }).map((s) => s.at)
    expect(maxInWindow(times)).toBeLessThanOrEqual(1000)
    expect((times.length - 1) / ((times.at(-1)! - times[0]!) / 1000)).toBeGreaterThanOrEqual(980)
  })

  it('sends one message a second to one chat, given many for the same chat', () => {
    const sends = simulate({ perSecond: 30, messages: 5, chats: () => 'same', latency: 5 })
    const gaps = sends.slice(1).map((s, i) => s.at - sends[i]!.at)
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(1000)
  })

  it('waits for an answer, given the send a window back still in flight', () => {
    const pacer = createPacer({ perSecond: 2 })
    expect('slot' in pacer.reserve('a', 0)).toBe(true)
    expect('slot' in pacer.reserve('b', 600)).toBe(true)
    expect(pacer.reserve('c', 5000)).toEqual({ waitForAnswer: true })
  })

  it('paces each chat alone, given no ceiling across chats', () => {
    const pacer = createPacer({})
    for (let i = 0; i < 5000; i++) expect('slot' in pacer.reserve(`c${i}`, 0)).toBe(true)
    const first = pacer.reserve('x', 0)
    if (!('slot' in first)) throw new Error('expected a slot')
    first.slot.done(10)
    expect(pacer.reserve('x', 500)).toEqual({ waitMs: 510 })
    pacer.pauseUntil(3000)
    expect(pacer.reserve('y', 1000)).toEqual({ waitMs: 2000 })
  })

  it('holds everyone back, given pauseUntil after a 429', () => {
    const pacer = createPacer({ perSecond: 30 })
    pacer.pauseUntil(3000)
    const r = pacer.reserve('a', 1000)
    expect('waitMs' in r && r.waitMs).toBe(2000)
  })
})
