import type { ParsedText } from './html.js'
import { badRequest, type Payload, type TextEntity } from './types.js'

export const BOT_USER = {
  id: 123456,
  is_bot: true,
  first_name: 'Khulasa',
  username: 'khulasa_test_bot',
} as const

export const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a specified content and reply markup of the current message'

export type ChatId = number | string

export interface FakeChat {
  id: number
  type: 'private' | 'group' | 'channel'
  first_name?: string
  title?: string
  username?: string
}

export interface BotMessage {
  message_id: number
  date: number
  edit_date?: number
  chat: FakeChat
  from: typeof BOT_USER
  text: string
  entities?: TextEntity[]
  reply_markup?: unknown
}

/** Reads chat_id the way the Bot API does: an integer or a public @username. */
export function requireChatId(payload: Payload): ChatId {
  const raw = payload.chat_id
  if (raw === undefined || raw === null || raw === '') throw badRequest('chat_id is empty')
  if (typeof raw === 'number' && Number.isSafeInteger(raw)) return raw
  if (typeof raw === 'string' && /^-?\d+$/.test(raw)) return Number(raw)
  if (typeof raw === 'string' && /^@[A-Za-z][A-Za-z0-9_]{3,31}$/.test(raw)) return raw
  throw badRequest('chat not found')
}

export function requireMessageId(payload: Payload): number {
  const raw = payload.message_id
  const id = typeof raw === 'string' ? Number(raw) : raw
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) {
    throw badRequest('message identifier is not specified')
  }
  return id
}

/** Same normalisation for numbers and numeric strings, so -1001 and '-1001' are one chat. */
export function chatKey(chatId: unknown): string | undefined {
  if (typeof chatId === 'number') return String(chatId)
  if (typeof chatId === 'string' && chatId !== '') return /^-?\d+$/.test(chatId) ? String(Number(chatId)) : chatId
  return undefined
}

function chatFor(chatId: ChatId): FakeChat {
  if (typeof chatId === 'string') {
    return { id: -1001000000000, type: 'channel', title: 'Test channel', username: chatId.slice(1) }
  }
  return chatId < 0 ? { id: chatId, type: 'group', title: 'Test group' } : { id: chatId, type: 'private', first_name: 'Test' }
}

/** Telegram echoes only inline keyboards back on the Message object. */
export function inlineMarkupOnly(markup: unknown): unknown {
  const isInline = typeof markup === 'object' && markup !== null && 'inline_keyboard' in markup
  return isInline ? markup : undefined
}

export class ChatStore {
  private readonly messages = new Map<string, BotMessage>()
  private nextMessageId = 1

  add(chatId: ChatId, parsed: ParsedText, replyMarkup: unknown): BotMessage {
    const message: BotMessage = {
      message_id: this.nextMessageId++,
      from: BOT_USER,
      chat: chatFor(chatId),
      date: Math.floor(Date.now() / 1000),
      text: parsed.text,
    }
    if (parsed.entities.length > 0) message.entities = parsed.entities
    const markup = inlineMarkupOnly(replyMarkup)
    if (markup !== undefined) message.reply_markup = markup
    this.messages.set(this.key(chatId, message.message_id), message)
    return structuredClone(message)
  }

  get(chatId: ChatId, messageId: number): BotMessage | undefined {
    return this.messages.get(this.key(chatId, messageId))
  }

  /** Forgets every stored message (ids keep counting up), so a long benchmark does not hold them all. */
  clear(): void {
    this.messages.clear()
  }

  delete(chatId: ChatId, messageId: number): boolean {
    return this.messages.delete(this.key(chatId, messageId))
  }

  /** Current state of the chat's bot messages (after edits and deletions), oldest first. */
  inChat(chatId: ChatId): BotMessage[] {
    const prefix = `${chatKey(chatId) ?? ''}:`
    return [...this.messages.entries()]
      .filter(([key]) => key.startsWith(prefix))
      .map(([, message]) => structuredClone(message))
      .sort((a, b) => a.message_id - b.message_id)
  }

  private key(chatId: ChatId, messageId: number): string {
    return `${chatKey(chatId) ?? ''}:${messageId}`
  }
}
