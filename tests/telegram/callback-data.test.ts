import { describe, expect, it } from 'vitest'
import { CALLBACK_DATA_MAX_BYTES, callbackData, parseCallbackData, type CallbackData } from '../../src/telegram/callback-data.js'

const every: CallbackData[] = [
  { kind: 'story', id: '0123456789ab' },
  { kind: 'related', id: '0123456789ab' },
  { kind: 'text', id: '0123456789ab', page: 0, turn: false },
  { kind: 'text', id: '0123456789ab', page: 12, turn: true },
  { kind: 'searchPage', key: 'Ab_-012345', page: 19 },
  { kind: 'followCategory', category: 'internationalNews' },
  { kind: 'followSection', token: 'aB3_x-9' },
  { kind: 'unfollow', token: 'abcd1234' },
]

describe('callbackData', () => {
  it('reads back every kind of button it builds, within 64 bytes', () => {
    for (const data of every) {
      const text = callbackData(data)
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES)
      expect(parseCallbackData(text)).toEqual(data)
    }
  })

  it('refuses to build a button it could not read back, given an id with a path or too long a key', () => {
    expect(() => callbackData({ kind: 'story', id: '../etc/passwd' })).toThrow(/round-trip/)
    expect(() => callbackData({ kind: 'followSection', token: 'x'.repeat(70) })).toThrow(/round-trip/)
    expect(() => callbackData({ kind: 'searchPage', key: 'short', page: 1 })).toThrow(/round-trip/)
  })

  it('reads nothing from tampered, truncated or foreign data', () => {
    for (const text of ['', 'art:', 'art:../etc/passwd', 'art:0123456789ab:extra', 'rel:<b>', 'txt:0123456789ab', 'txt:0123456789ab:-1',
      'txt:0123456789ab:9999', 'sp:bad', 'sp:AAAAAAAAAA:x', 'tf:zz', 'tf:c:../../etc', 'tu:short', 'ART:0123456789ab', `art:${'a'.repeat(70)}`]) {
      expect(parseCallbackData(text), text).toBeUndefined()
    }
  })

  it('still reads the buttons of digests sent before the story view, given dg:more and dg:rel', () => {
    expect(parseCallbackData('dg:more:0123456789ab')).toEqual({ kind: 'story', id: '0123456789ab' })
    expect(parseCallbackData('dg:rel:0123456789ab')).toEqual({ kind: 'related', id: '0123456789ab' })
  })
})
