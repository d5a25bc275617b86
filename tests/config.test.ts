import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/config.js'

describe('loadConfig', () => {
  it('gives working defaults, given an empty environment', () => {
    const config = loadConfig({})
    expect(config.TELEGRAM_BOT_TOKEN).toBeUndefined()
    expect(config.OPENAI_API_KEY).toBeUndefined()
    expect(config).toMatchObject({
      STORAGE_URL: 'sqlite://data/khulasa.sqlite',
      SEEDS_DIR: 'seeds',
      DIGEST_TIME: '08:00',
      DEFAULT_TZ: 'Asia/Riyadh',
      ADMIN_IDS: [],
    })
  })

  it('sets no reply ceiling across chats unless asked, given REPLIES_PER_SECOND unset, blank or a number', () => {
    expect(loadConfig({}).REPLIES_PER_SECOND).toBeUndefined()
    expect(loadConfig({ REPLIES_PER_SECOND: '' }).REPLIES_PER_SECOND).toBeUndefined()
    expect(loadConfig({ REPLIES_PER_SECOND: '500' }).REPLIES_PER_SECOND).toBe(500)
    expect(() => loadConfig({ REPLIES_PER_SECOND: '0' })).toThrow(ConfigError)
  })

  it('treats a blank token as absent, given TELEGRAM_BOT_TOKEN=""', () => {
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: '  ' }).TELEGRAM_BOT_TOKEN).toBeUndefined()
  })

  it.each([
    ['DIGEST_TIME', '25:99', 'Invalid DIGEST_TIME="25:99": expected a time as HH:MM (00:00–23:59)'],
    ['DEFAULT_TZ', 'Mars/Olympus', 'Invalid DEFAULT_TZ="Mars/Olympus": expected an IANA time zone such as Asia/Riyadh'],
    ['STORAGE_URL', 'postgres://x', 'Invalid STORAGE_URL="postgres://x": expected sqlite://<file>, redis://<host>:<port> or memory://'],
    ['ADMIN_IDS', 'alice', 'Invalid ADMIN_IDS="alice": expected a comma-separated list of numeric Telegram user ids'],
  ])('names the variable and what it expects in one line, given %s=%s', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new ConfigError(message))
  })

  it('names the variable without showing the secret, given a bad WEBHOOK_SECRET or a URL with a password', () => {
    expect(() => loadConfig({ WEBHOOK_SECRET: 'short!secret' })).toThrow(new ConfigError('Invalid WEBHOOK_SECRET=<12 characters hidden>: expected 16–256 characters of A-Z, a-z, 0-9, _ or -'))
    const feeds = (() => {
      try { loadConfig({ FEEDS: 'https://admin:s3cret@a.example/rss' }) }
      catch (e) { return (e as Error).message }
    })()
    expect(feeds).not.toMatch(/admin|s3cret/)
    expect(feeds).toMatch(/^Invalid FEEDS="https:\/\/\*\*\*@a\.example\/rss": /)
  })

  it('refuses private feed addresses unless told, given FEEDS_ALLOW_PRIVATE', () => {
    expect(loadConfig({}).FEEDS_ALLOW_PRIVATE).toBe(false)
    expect(loadConfig({ FEEDS_ALLOW_PRIVATE: 'true' }).FEEDS_ALLOW_PRIVATE).toBe(true)
    expect(() => loadConfig({ FEEDS_ALLOW_PRIVATE: 'sure' })).toThrow(new ConfigError('Invalid FEEDS_ALLOW_PRIVATE="sure": expected true or false'))
  })

  it('reads DIGEST_TIME as /time does, given 7:05 or Arabic-Indic digits', () => {
    expect(loadConfig({ DIGEST_TIME: '7:05' }).DIGEST_TIME).toBe('07:05')
    expect(loadConfig({ DIGEST_TIME: '٠٨:٣٠' }).DIGEST_TIME).toBe('08:30')
  })

  it('parses admin ids, given a comma-separated list', () => {
    expect(loadConfig({ ADMIN_IDS: '1, 22,333' }).ADMIN_IDS).toEqual([1, 22, 333])
  })
})
