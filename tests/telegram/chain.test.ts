import type { Context, MiddlewareFn } from 'telegraf'
import { describe, expect, it } from 'vitest'
import { chain } from '../../src/telegram/chain.js'

const ctx = {} as Context
const passes = (seen: string[], name: string): MiddlewareFn<Context> => async (_, next) => { seen.push(name); await next(); seen.push(`${name} after`) }

describe('chain', () => {
  it('runs each middleware in order, then the outer next, and unwinds in reverse, given three that all pass', async () => {
    const seen: string[] = []
    await chain([passes(seen, 'a'), passes(seen, 'b'), passes(seen, 'c')])(ctx, async () => { seen.push('outer') })
    expect(seen).toEqual(['a', 'b', 'c', 'outer', 'c after', 'b after', 'a after'])
  })

  it('stops at the middleware that takes the update, given one that does not call next', async () => {
    const seen: string[] = []
    await chain([passes(seen, 'a'), async () => { seen.push('taken') }, passes(seen, 'c')])(ctx, async () => { seen.push('outer') })
    expect(seen).toEqual(['a', 'taken', 'a after'])
  })

  it('rejects, given a middleware that throws at once and one that calls next twice', async () => {
    await expect(chain([() => { throw new Error('boom') }])(ctx, async () => {})).rejects.toThrow('boom')
    await expect(chain([async (_, next) => { await next(); await next() }])(ctx, async () => {})).rejects.toThrow('next() called multiple times')
  })
})
