import { describe, expect, it } from 'vitest'
import { decodeBody } from '../../src/feeds/decode-body.js'

describe('decodeBody', () => {
  it('prefers the charset of the Content-Type, then the XML declaration, then UTF-8', () => {
    const cp1256 = Uint8Array.from([0xC7, 0xE1])
    expect(decodeBody(cp1256, 'text/xml; charset=windows-1256')).toBe('ال')
    expect(decodeBody(Buffer.concat([Buffer.from('<?xml version="1.0" encoding="windows-1256"?>'), cp1256]), 'text/xml')).toMatch(/ال$/)
    expect(decodeBody(Buffer.from('نص'), null)).toBe('نص')
  })
})
