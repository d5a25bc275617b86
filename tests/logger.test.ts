import { describe, expect, it } from 'vitest'
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
})
