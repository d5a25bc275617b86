import {
  NOT_MODIFIED,
  inlineMarkupOnly,
  requireChatId,
  requireMessageId,
  type BotMessage,
  type ChatStore,
} from './chat-store.js'
import { parseMessageText, validateReplyMarkup } from './validate.js'
import { badRequest, type Payload } from './types.js'

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
}

function findEditable(store: ChatStore, payload: Payload): BotMessage {
  const chatId = requireChatId(payload)
  const message = store.get(chatId, requireMessageId(payload))
  if (!message) throw badRequest('message to edit not found')
  return message
}

export function sendMessage(store: ChatStore, payload: Payload): BotMessage {
  const chatId = requireChatId(payload)
  const parsed = parseMessageText(payload.text, payload.parse_mode, payload.entities)
  validateReplyMarkup(payload.reply_markup)
  return store.add(chatId, parsed, payload.reply_markup)
}

export function copyMessage(store: ChatStore, payload: Payload): { message_id: number } {
  const chatId = requireChatId(payload)
  const source = store.get(requireChatId({ chat_id: payload.from_chat_id }), requireMessageId(payload))
  if (!source) throw badRequest('message to copy not found')
  validateReplyMarkup(payload.reply_markup)
  const copy = store.add(chatId, { text: source.text, entities: source.entities ?? [] }, payload.reply_markup)
  return { message_id: copy.message_id }
}

export function editMessageText(store: ChatStore, payload: Payload): BotMessage | true {
  const parsed = parseMessageText(payload.text, payload.parse_mode, payload.entities)
  validateReplyMarkup(payload.reply_markup)
  // Messages sent in inline mode are not visible to the fake, so accept the edit.
  if (payload.inline_message_id !== undefined) return true
  const message = findEditable(store, payload)
  const markup = inlineMarkupOnly(payload.reply_markup)
  const unchanged =
    message.text === parsed.text &&
    sameJson(message.entities ?? [], parsed.entities) &&
    sameJson(message.reply_markup, markup)
  if (unchanged) throw badRequest(NOT_MODIFIED)
  message.text = parsed.text
  if (parsed.entities.length > 0) message.entities = parsed.entities
  else delete message.entities
  // Omitting reply_markup in an edit removes the keyboard, as in Telegram.
  if (markup !== undefined) message.reply_markup = markup
  else delete message.reply_markup
  message.edit_date = Math.floor(Date.now() / 1000)
  return structuredClone(message)
}

export function editMessageReplyMarkup(store: ChatStore, payload: Payload): BotMessage | true {
  validateReplyMarkup(payload.reply_markup)
  if (payload.inline_message_id !== undefined) return true
  const message = findEditable(store, payload)
  const markup = inlineMarkupOnly(payload.reply_markup)
  if (sameJson(message.reply_markup, markup)) throw badRequest(NOT_MODIFIED)
  if (markup !== undefined) message.reply_markup = markup
  else delete message.reply_markup
  message.edit_date = Math.floor(Date.now() / 1000)
  return structuredClone(message)
}

export function deleteMessage(store: ChatStore, payload: Payload): true {
  const chatId = requireChatId(payload)
  if (!store.delete(chatId, requireMessageId(payload))) throw badRequest('message to delete not found')
  return true
}
