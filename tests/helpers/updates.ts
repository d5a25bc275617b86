import type { CallbackQuery, Chat, Message, MessageEntity, Update, User } from 'telegraf/types'
import { BOT_USER } from './fake-bot-api/chat-store.js'

// Shared counters so updates built across one test file never reuse an id;
// a repeated update_id would be swallowed by getUpdates offset handling.
let nextUpdateId = 1
let nextIncomingMessageId = 100_000
let nextQueryId = 1

function now(): number {
  return Math.floor(Date.now() / 1000)
}

export type NonChannelChatType = 'private' | 'group' | 'supergroup'

function userOf(userId: number, languageCode: string, firstName = 'Test'): User {
  return { id: userId, is_bot: false, first_name: firstName, language_code: languageCode }
}

function chatOf(chatId: number, chatType: NonChannelChatType, firstName = 'Test'): Exclude<Chat, Chat.ChannelChat> {
  if (chatType === 'private') return { id: chatId, type: 'private', first_name: firstName }
  if (chatType === 'group') return { id: chatId, type: 'group', title: 'Test group' }
  return { id: chatId, type: 'supergroup', title: 'Test supergroup' }
}

/** A `/command` at the start gets a bot_command entity, measured in UTF-16 units like Telegram. */
function commandEntities(text: string): MessageEntity[] | undefined {
  if (!text.startsWith('/')) return undefined
  const command = /^\/\S+/.exec(text)?.[0]
  return command ? [{ type: 'bot_command', offset: 0, length: command.length }] : undefined
}

export interface MessageUpdateOptions {
  text: string
  chatId?: number
  userId?: number
  languageCode?: string
  chatType?: NonChannelChatType
  firstName?: string
}

export function messageUpdate(options: MessageUpdateOptions): Update.MessageUpdate<Message.TextMessage> {
  const { text, chatId = 1001, languageCode = 'ar', chatType = 'private', firstName = 'Test' } = options
  const userId = options.userId ?? chatId
  const entities = commandEntities(text)
  return {
    update_id: nextUpdateId++,
    message: {
      message_id: nextIncomingMessageId++,
      date: now(),
      chat: chatOf(chatId, chatType, firstName),
      from: userOf(userId, languageCode, firstName),
      text,
      ...(entities ? { entities } : {}),
    },
  }
}

export interface CallbackUpdateOptions {
  data: string
  chatId?: number
  userId?: number
  languageCode?: string
  /** Id of the bot message carrying the button; use a message the fake sent or seeded so edits succeed. */
  messageId?: number
  /** Text of that bot message as the client saw it. */
  messageText?: string
}

export function callbackUpdate(options: CallbackUpdateOptions): Update.CallbackQueryUpdate<CallbackQuery.DataQuery> {
  const { data, chatId = 1001, languageCode = 'ar', messageId = 1, messageText = '…' } = options
  const userId = options.userId ?? chatId
  const chatType: NonChannelChatType = chatId < 0 ? 'group' : 'private'
  return {
    update_id: nextUpdateId++,
    callback_query: {
      id: String(nextQueryId++),
      from: userOf(userId, languageCode),
      chat_instance: `instance-${chatId}`,
      data,
      message: {
        message_id: messageId,
        date: now(),
        chat: chatOf(chatId, chatType),
        from: { ...BOT_USER },
        text: messageText,
      },
    },
  }
}

export interface InlineQueryUpdateOptions {
  query: string
  userId?: number
  languageCode?: string
  offset?: string
}

export function inlineQueryUpdate(options: InlineQueryUpdateOptions): Update.InlineQueryUpdate {
  const { query, userId = 1001, languageCode = 'ar', offset = '' } = options
  return {
    update_id: nextUpdateId++,
    inline_query: {
      id: String(nextQueryId++),
      from: userOf(userId, languageCode),
      query,
      offset,
      chat_type: 'sender',
    },
  }
}

export interface ChannelPostUpdateOptions {
  text: string
  chatId?: number
}

export function channelPostUpdate(options: ChannelPostUpdateOptions): Update.ChannelPostUpdate<Message.TextMessage> {
  const { text, chatId = -1001000000001 } = options
  const chat: Chat.ChannelChat = { id: chatId, type: 'channel', title: 'Test channel' }
  return {
    update_id: nextUpdateId++,
    channel_post: {
      message_id: nextIncomingMessageId++,
      date: now(),
      chat,
      sender_chat: chat,
      text,
    },
  }
}
