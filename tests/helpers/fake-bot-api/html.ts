import { badRequest, utf8Bytes, type ApiError, type TextEntity } from './types.js'

// Modeled on tdlib's parse_html, which is what the Bot API runs. Deliberately
// stricter in three places so the bot's escaping bugs surface in tests: a bare
// `&` is rejected (Telegram keeps it literally), attribute values must be
// quoted, and `</>` does not close an arbitrary tag.

const ENTITY_TYPES: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  span: 'spoiler',
  'tg-spoiler': 'spoiler',
  a: 'text_link',
  'tg-emoji': 'custom_emoji',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
}

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' }

export interface ParsedText {
  text: string
  entities: TextEntity[]
}

interface OpenTag {
  name: string
  start: number
  attributes: Map<string, string>
}

function parseError(reason: string): ApiError {
  return badRequest(`can't parse entities: ${reason}`)
}

function byteOffset(html: string, index: number): number {
  return utf8Bytes(html.slice(0, index))
}

function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f'
}

/** Decodes the entity starting at `index` (which holds `&`); returns the text and the index after it. */
function decodeEntity(html: string, index: number): [string, number] {
  const rest = html.slice(index, index + 12)
  const named = /^&([a-zA-Z]+);/.exec(rest)
  const namedValue = named ? NAMED_ENTITIES[named[1]!] : undefined
  if (named && namedValue !== undefined) return [namedValue, index + named[0].length]
  const numeric = /^&#(?:([0-9]{1,7})|[xX]([0-9a-fA-F]{1,6}));/.exec(rest)
  if (numeric) {
    const codePoint = numeric[1] !== undefined ? Number(numeric[1]) : parseInt(numeric[2]!, 16)
    const isSurrogate = codePoint >= 0xd800 && codePoint <= 0xdfff
    if (codePoint > 0 && codePoint <= 0x10ffff && !isSurrogate) {
      return [String.fromCodePoint(codePoint), index + numeric[0].length]
    }
  }
  const shown = /^&[^\s;&<]{0,10};?/.exec(rest)?.[0] ?? '&'
  throw parseError(`Unsupported HTML entity "${shown}" at byte offset ${byteOffset(html, index)}`)
}

function readStartTag(html: string, begin: number): { tag: OpenTag, next: number } {
  const fail = (reason: string): ApiError => parseError(`${reason} at byte offset ${byteOffset(html, begin)}`)
  let j = begin + 1
  while (j < html.length && !isSpace(html[j]) && html[j] !== '>') j++
  if (j >= html.length) throw fail('Unclosed start tag')
  const name = html.slice(begin + 1, j).toLowerCase()
  if (!(name in ENTITY_TYPES)) throw fail(`Unsupported start tag "${name}"`)
  const attributes = new Map<string, string>()
  for (;;) {
    while (j < html.length && isSpace(html[j])) j++
    if (j >= html.length) throw fail('Unclosed start tag')
    if (html[j] === '>') break
    const attributeStart = j
    while (j < html.length && !isSpace(html[j]) && html[j] !== '=' && html[j] !== '>') j++
    const attribute = html.slice(attributeStart, j).toLowerCase()
    if (attribute === '') throw fail(`Empty attribute name in the tag "${name}"`)
    while (j < html.length && isSpace(html[j])) j++
    if (html[j] !== '=') {
      if (name === 'blockquote' && attribute === 'expandable') {
        attributes.set(attribute, '')
        continue
      }
      throw fail(`Expected equal sign in declaration of an attribute of the tag "${name}"`)
    }
    j++
    while (j < html.length && isSpace(html[j])) j++
    const quote = html[j]
    if (quote !== '"' && quote !== '\'') throw fail(`Expected quoted value of the attribute "${attribute}" of the tag "${name}"`)
    j++
    let value = ''
    while (j < html.length && html[j] !== quote) {
      if (html[j] === '&') {
        const [decoded, after] = decodeEntity(html, j)
        value += decoded
        j = after
      }
      else {
        value += html[j]
        j++
      }
    }
    if (j >= html.length) throw fail('Unclosed start tag')
    j++
    attributes.set(attribute, value)
  }
  if (name === 'span' && attributes.get('class') !== 'tg-spoiler') throw fail('Tag "span" must have class "tg-spoiler"')
  if (name === 'tg-emoji' && !/^[0-9]+$/.test(attributes.get('emoji-id') ?? '')) {
    throw fail('Tag "tg-emoji" must have a numeric attribute "emoji-id"')
  }
  return { tag: { name, start: 0, attributes }, next: j + 1 }
}

function readEndTag(html: string, begin: number, open: OpenTag | undefined): number {
  const at = byteOffset(html, begin)
  if (!open) throw parseError(`Unexpected end tag at byte offset ${at}`)
  let j = begin + 2
  while (j < html.length && !isSpace(html[j]) && html[j] !== '>') j++
  const name = html.slice(begin + 2, j).toLowerCase()
  while (j < html.length && isSpace(html[j])) j++
  if (html[j] !== '>') throw parseError(`Unclosed end tag at byte offset ${at}`)
  if (name !== open.name) {
    throw parseError(`Unmatched end tag at byte offset ${at}, expected "</${open.name}>", found "</${name}>"`)
  }
  return j + 1
}

function toEntity(tag: OpenTag, end: number): TextEntity | undefined {
  const length = end - tag.start
  if (length <= 0) return undefined
  const entity: TextEntity = { type: ENTITY_TYPES[tag.name]!, offset: tag.start, length }
  const href = tag.attributes.get('href')
  if (tag.name === 'a') {
    // tdlib keeps an <a> without href as plain text rather than failing.
    if (!href) return undefined
    entity.url = href
  }
  if (tag.name === 'tg-emoji') entity.custom_emoji_id = tag.attributes.get('emoji-id')!
  if (tag.name === 'blockquote' && tag.attributes.has('expandable')) entity.type = 'expandable_blockquote'
  const language = tag.attributes.get('language')
  if (tag.name === 'pre' && language) entity.language = language
  return entity
}

/** Parses Telegram-flavoured HTML the way `parse_mode: 'HTML'` does; throws an ApiError on bad markup. */
export function parseHtml(html: string): ParsedText {
  let text = ''
  const stack: OpenTag[] = []
  const entities: TextEntity[] = []
  let i = 0
  while (i < html.length) {
    const ch = html[i]!
    if (ch === '&') {
      const [decoded, next] = decodeEntity(html, i)
      text += decoded
      i = next
    }
    else if (ch !== '<') {
      text += ch
      i++
    }
    else if (html[i + 1] === '/') {
      i = readEndTag(html, i, stack[stack.length - 1])
      const tag = stack.pop()!
      const parent = stack[stack.length - 1]
      const codeLanguage = /^language-(.+)$/.exec(tag.attributes.get('class') ?? '')?.[1]
      // <pre><code class="language-x"> becomes one pre entity carrying the language, as in Telegram.
      if (tag.name === 'code' && parent?.name === 'pre' && codeLanguage) {
        parent.attributes.set('language', codeLanguage)
        continue
      }
      const entity = toEntity(tag, text.length)
      if (entity) entities.push(entity)
    }
    else {
      const { tag, next } = readStartTag(html, i)
      tag.start = text.length
      stack.push(tag)
      i = next
    }
  }
  const unclosed = stack[stack.length - 1]
  if (unclosed) throw parseError(`Can't find end tag corresponding to start tag "${unclosed.name}"`)
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length)
  return { text, entities }
}
