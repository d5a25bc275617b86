import type { MiddlewareFn } from 'telegraf'
import type { BotContext } from './context.js'

/**
 * Every inline button's callback data, built and read in one place. Telegram returns the data exactly as sent,
 * but anyone can send any data: whatever does not parse is `undefined`, and a well-formed id may still name a
 * story that is gone (stale), which the handler answers. Telegram allows 64 bytes.
 */
export type CallbackData =
  | { kind: 'story', id: string }
  | { kind: 'related', id: string }
  /** A page of the full text: `turn` edits the page in place, otherwise the first press sends it as a new message. */
  | { kind: 'text', id: string, page: number, turn: boolean }
  | { kind: 'searchPage', key: string, page: number }
  | { kind: 'followCategory', category: string }
  | { kind: 'followSection', token: string }
  | { kind: 'unfollow', token: string }

export type CallbackKind = CallbackData['kind']
export type CallbackOf<K extends CallbackKind> = Extract<CallbackData, { kind: K }>

export const CALLBACK_DATA_MAX_BYTES = 64
/** Article ids are 12 hex characters; a little slack, never anything that could be a pattern or a path. */
const ID = '[0-9a-z]{4,24}'
const PAGE = '\\d{1,3}'

const FORMS: { [K in CallbackKind]: { pattern: RegExp, build: (data: CallbackOf<K>) => string, read: (m: RegExpExecArray) => CallbackOf<K> } } = {
  story: { pattern: new RegExp(`^(?:art|dg:more):(${ID})$`), build: (d) => `art:${d.id}`, read: (m) => ({ kind: 'story', id: m[1]! }) },
  related: { pattern: new RegExp(`^(?:rel|dg:rel):(${ID})$`), build: (d) => `rel:${d.id}`, read: (m) => ({ kind: 'related', id: m[1]! }) },
  text: { pattern: new RegExp(`^tx([tn]):(${ID}):(${PAGE})$`), build: (d) => `tx${d.turn ? 'n' : 't'}:${d.id}:${d.page}`, read: (m) => ({ kind: 'text', id: m[2]!, page: Number(m[3]), turn: m[1] === 'n' }) },
  searchPage: { pattern: new RegExp(`^sp:([\\w-]{10}):(${PAGE})$`), build: (d) => `sp:${d.key}:${d.page}`, read: (m) => ({ kind: 'searchPage', key: m[1]!, page: Number(m[2]) }) },
  followCategory: { pattern: /^tf:c:([a-zA-Z]{1,24})$/, build: (d) => `tf:c:${d.category}`, read: (m) => ({ kind: 'followCategory', category: m[1]! }) },
  followSection: { pattern: /^tf:s:([\w-]{1,24})$/, build: (d) => `tf:s:${d.token}`, read: (m) => ({ kind: 'followSection', token: m[1]! }) },
  unfollow: { pattern: /^tu:([\w-]{8})$/, build: (d) => `tu:${d.token}`, read: (m) => ({ kind: 'unfollow', token: m[1]! }) },
}

/** The data for a button; throws on anything the parser would not read back, so a bad button never reaches Telegram. */
export function callbackData(data: CallbackData): string {
  const form = FORMS[data.kind] as { build: (d: CallbackData) => string }
  const text = form.build(data)
  if (Buffer.byteLength(text) > CALLBACK_DATA_MAX_BYTES || parseCallbackData(text)?.kind !== data.kind) {
    throw new Error(`callback data does not round-trip: ${text.slice(0, 80)}`)
  }
  return text
}

/** What a pressed button asks for; undefined for data we never built (tampered, truncated, foreign). Old digest buttons (dg:more, dg:rel) still work. */
export function parseCallbackData(text: string): CallbackData | undefined {
  if (Buffer.byteLength(text) > CALLBACK_DATA_MAX_BYTES) return undefined
  for (const form of Object.values(FORMS)) {
    const match = form.pattern.exec(text)
    if (match) return form.read(match)
  }
  return undefined
}

// A press passes every feature's button middleware until one takes it: its data is parsed once, not by each.
const parsed = new WeakMap<object, CallbackData | null>()
function parsedOnce(query: { data: string }): CallbackData | undefined {
  let data = parsed.get(query)
  if (data === undefined) parsed.set(query, data = parseCallbackData(query.data) ?? null)
  return data ?? undefined
}

/** A callback-query middleware for one kind of button, given its parsed data; other buttons pass on. */
export function onButton<K extends CallbackKind>(kind: K, handle: (ctx: BotContext, data: CallbackOf<K>) => Promise<unknown>): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const query = ctx.callbackQuery
    const data = query && 'data' in query ? parsedOnce(query) : undefined
    if (data?.kind !== kind) return next()
    await handle(ctx, data as CallbackOf<K>)
  }
}

/** Last in the chain: a button nobody handled was tampered with or comes from a version of the bot long gone. */
export function unknownButton(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const query = ctx.callbackQuery
    if (!query) return next()
    ctx.log.warn({ data: 'data' in query ? query.data.slice(0, 64) : undefined }, 'unknown or malformed button')
    await ctx.answerCbQuery(ctx.t.errors.invalidButton)
  }
}
