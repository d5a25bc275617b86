import { describe, expect, it } from 'vitest'
import { createUpdateGate } from '../../src/telegram/update-gate.js'

describe('the in-memory update gate', () => {
  it('finds an update done or running among the last 10,000 and forgets older ones, given 25,000 updates one after another', async () => {
    const gate = createUpdateGate({ prefix: 'test' })
    for (let id = 1; id <= 25_000; id++) {
      const claim = await gate.claim(id)
      if (claim.status !== 'claimed') throw new Error(`update ${id}: ${claim.status}`)
      if (id !== 25_000) await claim.done()
    }
    expect((await gate.claim(25_000)).status).toBe('running')
    expect((await gate.claim(15_001)).status).toBe('done')
    // Forgotten: a redelivery this old is handled again (Telegram stops retrying long before).
    expect((await gate.claim(15_000)).status).toBe('claimed')
  })

  it('handles an update again, given its claim given back', async () => {
    const gate = createUpdateGate({ prefix: 'test' })
    const first = await gate.claim(7)
    if (first.status !== 'claimed') throw new Error(first.status)
    await first.release()
    expect((await gate.claim(7)).status).toBe('claimed')
  })
})
