import { describe, expect, it } from 'vitest'
import { bidiSafe, clip, escapeHtml, packMessages, safe } from '../../src/telegram/format.js'

describe('format', () => {
  it('escapes every HTML-significant character, given hostile text', () => {
    expect(escapeHtml('<b>"x" & y</b>')).toBe('&lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;')
  })

  it('cuts to the limit with an ellipsis, given text one character too long', () => {
    expect(clip('abcdef', 6)).toBe('abcdef')
    expect(clip('abcdefg', 6)).toBe('abcde…')
  })

  it('isolates Latin runs inside Arabic, given a mixed headline', () => {
    expect(bidiSafe('برنامج The Voice على MBC مصر')).toBe('برنامج \u2068The Voice\u2069 على \u2068MBC\u2069 مصر')
    expect(bidiSafe('Plain English stays')).toBe('Plain English stays')
    expect(safe('شركة <AT&T>')).toBe('شركة &lt;\u2068AT&amp;T\u2069&gt;')
  })

  it('splits only between blocks and stays under the limit, given blocks over 4096 characters in total', () => {
    const blocks = Array.from({ length: 30 }, (_, i) => `${i}:${'ب'.repeat(300)}`)
    const messages = packMessages(blocks)
    expect(messages.length).toBeGreaterThan(1)
    for (const m of messages) expect(m.length).toBeLessThanOrEqual(4096)
    expect(messages.join('\n\n')).toBe(blocks.join('\n\n'))
  })
})
