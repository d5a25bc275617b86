import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startFakeBotApi, type FakeBotApi } from '../fake-bot-api.js'
import { apiClient, keyboard } from './client.js'

let api: FakeBotApi

beforeEach(async () => {
  api = await startFakeBotApi()
})

afterEach(async () => {
  await api.close()
})

const { call, send, sendHtml } = apiClient(() => api)

describe('fake Bot API validation', () => {
  it('accepts supported HTML and returns the text as the user sees it, given tags and entities', async () => {
    const reply = await sendHtml('<b>ملخص</b> &amp; <a href="https://example.com/a?x=1&amp;y=2">رابط</a> &#x1F4F0;')
    expect(reply.ok).toBe(true)
    const message = reply.result as { message_id: number, text: string, chat: { type: string }, entities: unknown[] }
    expect(message.text).toBe('ملخص & رابط 📰')
    expect(message.chat.type).toBe('private')
    expect(message.entities).toEqual([
      { type: 'bold', offset: 0, length: 4 },
      { type: 'text_link', offset: 7, length: 4, url: 'https://example.com/a?x=1&y=2' },
    ])
    expect(api.textsTo(1001)).toEqual(['ملخص & رابط 📰'])
    expect(api.sent()).toHaveLength(1)
  })

  it('rejects markup Telegram would reject, given unsupported, unbalanced or unescaped input', async () => {
    const cases: Array<[string, string]> = [
      ['<div>x</div>', 'Unsupported start tag "div" at byte offset 0'],
      ['<b>x', `Can't find end tag corresponding to start tag "b"`],
      ['<b><i>x</b></i>', 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'],
      ['x</b>', 'Unexpected end tag at byte offset 1'],
      ['AT&T', 'Unsupported HTML entity "&T" at byte offset 2'],
      ['سعر < 5', 'Unsupported start tag "" at byte offset 7'],
      ['<span class="other">x</span>', 'Tag "span" must have class "tg-spoiler"'],
      ['<a href=https://x.y>x</a>', 'Expected quoted value of the attribute "href"'],
    ]
    for (const [text, reason] of cases) {
      const reply = await sendHtml(text)
      expect(reply.error_code, text).toBe(400)
      expect(reply.description, text).toContain(`Bad Request: can't parse entities: ${reason}`)
    }
    expect(api.sent()).toHaveLength(0)
    expect(api.callsTo('sendMessage').every((c) => !c.ok && c.errorCode === 400)).toBe(true)
  })

  it('accepts spoilers, custom emoji, code and expandable quotes, given the other supported tags', async () => {
    const html =
      '<strong>a</strong><em>b</em><ins>c</ins><del>d</del><span class="tg-spoiler">e</span><tg-spoiler>f</tg-spoiler>' +
      '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji><code>g</code><pre><code class="language-ts">h</code></pre>' +
      '<blockquote expandable>i</blockquote><u><s>j</s></u>'
    const reply = await sendHtml(html)
    expect(reply.ok).toBe(true)
    const types = (reply.result as { entities: Array<{ type: string, language?: string }> }).entities.map((e) => e.type)
    expect(types).toContain('expandable_blockquote')
    expect(types).toContain('custom_emoji')
    expect((reply.result as { text: string }).text).toBe('abcdef👍ghij')
  })

  it('limits text to 4096 UTF-16 units after parsing, given plain, HTML and astral text', async () => {
    expect((await send('ب'.repeat(4096))).ok).toBe(true)
    const tooLong = await send('ب'.repeat(4097))
    expect(tooLong).toMatchObject({ ok: false, error_code: 400, description: 'Bad Request: message is too long' })
    expect((await sendHtml(`<b>${'x'.repeat(4096)}</b>`)).ok).toBe(true)
    expect((await sendHtml('&amp;'.repeat(4096))).ok).toBe(true)
    // 2049 emoji are 4098 UTF-16 units, so they do not fit although they are only 2049 code points.
    expect((await send('😀'.repeat(2049))).description).toBe('Bad Request: message is too long')
  })

  it('rejects empty text, given nothing left after parsing', async () => {
    expect((await sendHtml('<b></b>')).description).toBe('Bad Request: message text is empty')
    expect((await send('   ')).description).toBe('Bad Request: message text is empty')
    expect((await call('sendMessage', { chat_id: 1001 })).description).toBe('Bad Request: message text is empty')
  })

  it('takes text literally, given no parse_mode', async () => {
    const reply = await send('<b>AT&T</b>')
    expect((reply.result as { text: string }).text).toBe('<b>AT&T</b>')
  })

  it('counts callback_data in UTF-8 bytes, given Arabic data of 32 and 33 letters', async () => {
    expect((await send('x', keyboard({ callback_data: 'ع'.repeat(32) }))).ok).toBe(true)
    const reply = await send('x', keyboard({ callback_data: 'ع'.repeat(33) }))
    expect(reply).toMatchObject({ error_code: 400, description: 'Bad Request: BUTTON_DATA_INVALID' })
    expect((await send('x', keyboard({ callback_data: '' }))).description).toBe('Bad Request: BUTTON_DATA_INVALID')
  })

  it('rejects malformed buttons, given a bad URL, no action or two actions', async () => {
    expect((await send('x', keyboard({ url: 'not a url' }))).description).toBe('Bad Request: BUTTON_URL_INVALID')
    expect((await send('x', keyboard({}))).description).toContain('Text buttons are unallowed in the inline keyboard')
    const both = await send('x', keyboard({ url: 'https://example.com', callback_data: 'a' }))
    expect(both.description).toContain('can\'t parse inline keyboard button')
    expect((await send('x', keyboard({ url: 'https://example.com/خبر' }))).ok).toBe(true)
  })
})
