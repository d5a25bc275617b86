import { parseHtml, type ParsedText } from './html.js'
import { badRequest, utf8Bytes, type TextEntity } from './types.js'

export const MAX_TEXT_LENGTH = 4096
export const MAX_CALLBACK_ANSWER_LENGTH = 200
export const MAX_INLINE_RESULTS = 50

const BUTTON_ACTIONS = [
  'callback_data',
  'url',
  'switch_inline_query',
  'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat',
  'login_url',
  'web_app',
  'callback_game',
  'pay',
  'copy_text',
] as const

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Applies parse_mode and Telegram's length rules; returns what the user would see. */
export function parseMessageText(text: unknown, parseMode: unknown, entities?: unknown): ParsedText {
  if (text === undefined || text === null) throw badRequest('message text is empty')
  if (typeof text !== 'string') throw badRequest('message text is empty')
  let parsed: ParsedText
  if (parseMode === undefined || parseMode === null || parseMode === '') {
    parsed = { text, entities: Array.isArray(entities) ? (entities as TextEntity[]) : [] }
  }
  else if (String(parseMode).toLowerCase() === 'html') {
    parsed = parseHtml(text)
  }
  else if (/^markdown(v2)?$/i.test(String(parseMode))) {
    // Fail loudly rather than silently accept markup we do not check.
    throw badRequest(`fake Bot API does not implement parse_mode "${String(parseMode)}"; use HTML`)
  }
  else {
    throw badRequest(`unsupported parse_mode "${String(parseMode)}"`)
  }
  if (parsed.text.trim() === '') throw badRequest('message text is empty')
  // JS string length is UTF-16 code units, which is what Telegram counts.
  if (parsed.text.length > MAX_TEXT_LENGTH) throw badRequest('message is too long')
  return parsed
}

function isValidButtonUrl(url: unknown): boolean {
  if (typeof url !== 'string' || url.trim() === '') return false
  try {
    const parsed = new URL(url)
    return ['http:', 'https:', 'tg:'].includes(parsed.protocol) && (parsed.protocol === 'tg:' || parsed.hostname !== '')
  }
  catch {
    return false
  }
}

function validateInlineButton(button: unknown): void {
  if (!isRecord(button)) throw badRequest('can\'t parse inline keyboard button: InlineKeyboardButton must be an Object')
  if (typeof button.text !== 'string') {
    throw badRequest(`can't parse inline keyboard button: Field "text" must be of type String`)
  }
  if (button.text === '') throw badRequest('BUTTON_TEXT_INVALID')
  const actions = BUTTON_ACTIONS.filter((field) => button[field] !== undefined && button[field] !== null)
  if (actions.length === 0) {
    throw badRequest('can\'t parse inline keyboard button: Text buttons are unallowed in the inline keyboard')
  }
  if (actions.length > 1) {
    throw badRequest('can\'t parse inline keyboard button: InlineKeyboardButton must have exactly one optional field')
  }
  if (actions[0] === 'callback_data') {
    const data = button.callback_data
    // The limit is in UTF-8 bytes, so 33 Arabic letters already break it.
    if (typeof data !== 'string' || utf8Bytes(data) < 1 || utf8Bytes(data) > 64) throw badRequest('BUTTON_DATA_INVALID')
  }
  if (actions[0] === 'url' && !isValidButtonUrl(button.url)) throw badRequest('BUTTON_URL_INVALID')
}

export function validateReplyMarkup(markup: unknown): void {
  if (markup === undefined || markup === null) return
  if (!isRecord(markup)) throw badRequest('can\'t parse reply keyboard markup JSON object')
  if (markup.inline_keyboard === undefined) return
  const rows = markup.inline_keyboard
  if (!Array.isArray(rows) || !rows.every((row) => Array.isArray(row))) {
    throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays')
  }
  for (const row of rows as unknown[][]) for (const button of row) validateInlineButton(button)
}

export function validateInlineResults(results: unknown): void {
  if (!Array.isArray(results)) throw badRequest('results must be an Array')
  if (results.length > MAX_INLINE_RESULTS) throw badRequest('RESULTS_TOO_MUCH')
  const seen = new Set<string>()
  for (const result of results) {
    if (!isRecord(result)) throw badRequest('can\'t parse InlineQueryResult JSON object')
    const id = result.id
    if (typeof id !== 'string' || utf8Bytes(id) < 1 || utf8Bytes(id) > 64) throw badRequest('RESULT_ID_INVALID')
    if (seen.has(id)) throw badRequest('RESULT_ID_DUPLICATE')
    seen.add(id)
    const content = result.input_message_content
    if (isRecord(content) && 'message_text' in content) {
      parseMessageText(content.message_text, content.parse_mode, content.entities)
    }
    validateReplyMarkup(result.reply_markup)
  }
}

export function validateCallbackAnswer(text: unknown): void {
  if (typeof text === 'string' && text.length > MAX_CALLBACK_ANSWER_LENGTH) throw badRequest('MESSAGE_TOO_LONG')
}

export function validateCommands(commands: unknown): void {
  if (!Array.isArray(commands)) throw badRequest('commands must be an Array')
  if (commands.length > 100) throw badRequest('BOT_COMMANDS_TOO_MUCH')
  for (const command of commands) {
    if (!isRecord(command) || typeof command.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(command.command)) {
      throw badRequest('BOT_COMMAND_INVALID')
    }
    const description = command.description
    if (typeof description !== 'string' || description.trim() === '' || description.length > 256) {
      throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID')
    }
  }
}
