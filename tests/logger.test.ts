import { describe, expect, it } from 'vitest'
import { quietRepeats, scrubber } from '../src/logger.js'
import { captureLogger } from './helpers/core.js'

describe('createLogger', () => {
  it('never writes a secret, given it inside a message and an error', () => {
    const token = '123456:AAE-very-secret-token'
    const { logger, text } = captureLogger([token])
    logger.error({ err: new Error(`request to https://api.telegram.org/bot${token}/getMe failed`) }, `polling with ${token}`)
    logger.info({ token }, 'config')
    expect(text()).not.toContain(token)
    expect(text()).toContain('[redacted]')
  })

  it('scrubs every field of the line, given the token percent-encoded, in an error cause and in a nested object', () => {
    const token = '123:SECRETTOKEN'
    const { logger, text } = captureLogger([token])
    const err = new Error('request failed', { cause: new Error(`GET http://127.0.0.1:1/bot${token}/getUpdates`) })
    logger.warn({ err, request: { url: `http://127.0.0.1:1/bot${encodeURIComponent(token)}/getMe` }, echoed: [token] }, 'failed')
    expect(text()).not.toContain('SECRETTOKEN')
    expect(text()).toContain('/bot[redacted]/getMe')
    expect(text()).toContain('/bot[redacted]/getUpdates')
    expect(text()).toContain('"echoed":["[redacted]"]')
  })
})

describe('scrubber', () => {
  it('leaves ordinary words alone, given secrets too short to be real', () => {
    expect(scrubber(['abc', undefined, ''])('abc def')).toBe('abc def')
    expect(scrubber(['hunter2-password'])('redis://:hunter2-password@host')).toBe('redis://:[redacted]@host')
  })
})

describe('quietRepeats', () => {
  it('writes a repeated warning once a minute with a count of those held back, given one a second for two minutes', () => {
    const { logger, lines } = captureLogger()
    let now = 0
    const quiet = quietRepeats(logger, { now: () => now })
    for (; now < 120_000; now += 1000) {
      quiet.warn(`outbound worker: connect ECONNREFUSED 127.0.0.1:${6379 + (now % 2)}`)
      quiet.warn({ id: now }, 'could not read delivery outcomes (Connection is closed.); trying again')
    }
    quiet.info('Redis is back')
    expect(lines().map((l) => l.msg)).toEqual([
      'outbound worker: connect ECONNREFUSED 127.0.0.1:6379',
      'could not read delivery outcomes (Connection is closed.); trying again',
      'outbound worker: connect ECONNREFUSED 127.0.0.1:6379 (59 more like this held back)',
      'could not read delivery outcomes (Connection is closed.); trying again (59 more like this held back)',
      'Redis is back',
    ])
    expect(lines()[1]).toMatchObject({ id: 0, level: 40 })
  })

  it('keeps a child\'s bindings and counts its repeats with the parent\'s, given one failure logged by two jobs', () => {
    const { logger, lines } = captureLogger()
    const quiet = quietRepeats(logger, { now: () => 0 })
    quiet.child({ id: 'job-1' }).warn('connect ECONNREFUSED')
    quiet.child({ id: 'job-2' }).warn('connect ECONNREFUSED')
    quiet.child({ id: 'job-3' }).info('sent')
    expect(lines().map(({ id, msg }) => ({ id, msg }))).toEqual([{ id: 'job-1', msg: 'connect ECONNREFUSED' }, { id: 'job-3', msg: 'sent' }])
  })
})
