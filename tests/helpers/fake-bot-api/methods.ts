import type { Update } from 'telegraf/types'
import { BOT_USER, ChatStore, requireChatId } from './chat-store.js'
import {
  copyMessage,
  deleteMessage,
  editMessageReplyMarkup,
  editMessageText,
  sendMessage,
} from './message-methods.js'
import { UpdateQueue } from './update-queue.js'
import { validateCallbackAnswer, validateCommands, validateInlineResults } from './validate.js'
import { ApiError, badRequest, utf8Bytes, type Payload } from './types.js'

/** Everything the fake remembers between calls. */
export class ApiState {
  readonly store = new ChatStore()
  readonly updates = new UpdateQueue()
  webhookUrl = ''
  commands: unknown[] = []
}

export interface MethodContext {
  payload: Payload
  state: ApiState
  /** Lets a long poll drop its waiter when the client hangs up. */
  onCancel: (cancel: () => void) => void
}

type MethodHandler = (context: MethodContext) => unknown

const CHAT_ACTIONS = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
])

function toInteger(value: unknown, fallback: number): number {
  const n = typeof value === 'string' ? Number(value) : value
  return typeof n === 'number' && Number.isFinite(n) ? Math.trunc(n) : fallback
}

function getUpdates({ payload, state, onCancel }: MethodContext): Promise<Update[]> {
  if (state.webhookUrl !== '') {
    throw new ApiError(409, 'Conflict: can\'t use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first')
  }
  const offset = toInteger(payload.offset, 0)
  const limit = toInteger(payload.limit, 100)
  const timeout = toInteger(payload.timeout, 0)
  return state.updates.poll(offset, limit, timeout, onCancel)
}

function requireString(payload: Payload, field: string, reason: string): string {
  const value = payload[field]
  if (typeof value !== 'string' || value === '') throw badRequest(reason)
  return value
}

// Keys are lower-case because Bot API method names are case-insensitive.
const HANDLERS: Record<string, MethodHandler> = {
  getme: () => ({ ...BOT_USER, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: true }),
  getupdates: getUpdates,
  setwebhook: ({ payload, state }) => {
    const url = typeof payload.url === 'string' ? payload.url : ''
    if (url !== '' && !url.startsWith('https://')) throw badRequest('bad webhook: An HTTPS URL must be provided for webhook')
    state.webhookUrl = url
    if (payload.drop_pending_updates === true) state.updates.clear()
    return true
  },
  deletewebhook: ({ payload, state }) => {
    state.webhookUrl = ''
    if (payload.drop_pending_updates === true) state.updates.clear()
    return true
  },
  getwebhookinfo: ({ state }) => ({
    url: state.webhookUrl,
    has_custom_certificate: false,
    pending_update_count: state.updates.size,
  }),
  setmycommands: ({ payload, state }) => {
    validateCommands(payload.commands)
    state.commands = payload.commands as unknown[]
    return true
  },
  getmycommands: ({ state }) => state.commands,
  deletemycommands: ({ state }) => {
    state.commands = []
    return true
  },
  sendchataction: ({ payload }) => {
    requireChatId(payload)
    if (typeof payload.action !== 'string' || !CHAT_ACTIONS.has(payload.action)) throw badRequest('wrong parameter action in request')
    return true
  },
  answercallbackquery: ({ payload }) => {
    requireString(payload, 'callback_query_id', 'query is too old and response timeout expired or query ID is invalid')
    validateCallbackAnswer(payload.text)
    return true
  },
  answerinlinequery: ({ payload }) => {
    requireString(payload, 'inline_query_id', 'query is too old and response timeout expired or query ID is invalid')
    validateInlineResults(payload.results)
    if (typeof payload.next_offset === 'string' && utf8Bytes(payload.next_offset) > 64) throw badRequest('NEXT_OFFSET_INVALID')
    return true
  },
  sendmessage: ({ payload, state }) => sendMessage(state.store, payload),
  copymessage: ({ payload, state }) => copyMessage(state.store, payload),
  editmessagetext: ({ payload, state }) => editMessageText(state.store, payload),
  editmessagereplymarkup: ({ payload, state }) => editMessageReplyMarkup(state.store, payload),
  deletemessage: ({ payload, state }) => deleteMessage(state.store, payload),
}

export function findHandler(method: string): MethodHandler | undefined {
  return HANDLERS[method.toLowerCase()]
}

/**
 * Methods subject to flood control. sendChatAction is left out on purpose: a
 * bot that shows "typing…" before each reply would otherwise halve its budget,
 * which real Telegram does not do.
 */
export function countsAsSend(method: string): boolean {
  const name = method.toLowerCase()
  if (name === 'sendchataction') return false
  return name.startsWith('send') || name === 'editmessagetext' || name === 'copymessage'
}

/** Methods that a user who blocked the bot makes fail with 403. */
export function isBlockable(method: string): boolean {
  const name = method.toLowerCase()
  return name.startsWith('send') || name.startsWith('editmessage') || name === 'copymessage'
}
