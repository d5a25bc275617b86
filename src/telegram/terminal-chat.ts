import { createInterface } from 'node:readline'
import { Context, Telegram, type Telegraf } from 'telegraf'
import type { InlineKeyboardButton, Update } from 'telegraf/types'
import type { BotContext } from './context.js'

const CHAT_ID = 1
type Button = InlineKeyboardButton & { callback_data?: string }

/**
 * A Telegram client that prints what the bot would send. Handlers run unchanged:
 * only the transport differs, through telegraf's contextType option.
 */
export class TerminalTelegram extends Telegram {
  buttons: Button[] = []
  private messageId = 0
  constructor(private readonly write: (text: string) => void, private readonly colour: boolean, private readonly now: () => Date) {
    super('terminal', {})
  }

  /** Message dates come from the bot's clock, like everything else. */
  unixTime(): number {
    return Math.floor(this.now().getTime() / 1000)
  }

  // Bot API methods answer different shapes; the handlers only read message_id and chat back.
  override async callApi(method: string, payload: Record<string, unknown> = {}): Promise<never> {
    const text = typeof payload.text === 'string' ? payload.text : undefined
    if (text !== undefined) this.print(payload.parse_mode === 'HTML' ? htmlToTerminal(text, this.colour) : text, payload.reply_markup)
    if (method === 'answerCallbackQuery' && typeof payload.text === 'string') this.write(`(${payload.text})\n`)
    if (method === 'answerInlineQuery') this.write(`(${(payload.results as unknown[]).length} inline result(s))\n`)
    const message = { message_id: ++this.messageId, date: this.unixTime(), chat: { id: CHAT_ID, type: 'private' }, text }
    return (method.startsWith('send') || method.startsWith('edit') ? message : true) as never
  }

  private print(text: string, markup: unknown) {
    const rows = (markup as { inline_keyboard?: Button[][] } | undefined)?.inline_keyboard ?? []
    const buttons = rows.flat()
    if (buttons.length > 0) this.buttons = buttons
    const keys = buttons.map((b, i) => `[${i + 1}] ${b.text}`).join('   ')
    this.write(`${text}\n${keys ? `${keys}\n` : ''}\n`)
  }
}

export function htmlToTerminal(html: string, colour: boolean): string {
  const bold = colour ? ['\x1b[1m', '\x1b[22m'] : ['', '']
  const dim = colour ? ['\x1b[2m', '\x1b[22m'] : ['', '']
  return html
    .replace(/<b>|<strong>/g, bold[0]!).replace(/<\/b>|<\/strong>/g, bold[1]!)
    .replace(/<i>|<em>/g, dim[0]!).replace(/<\/i>|<\/em>/g, dim[1]!)
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&')
}

export interface TerminalChatOptions {
  languageCode: string
  input?: NodeJS.ReadableStream
  write?: (text: string) => void
  interactive?: boolean
}

/** Wires a bot to the terminal: each line is a message from one private chat; a number presses a button. */
export function terminalContext(telegram: TerminalTelegram) {
  return class TerminalContext extends Context {
    constructor(update: Update, _telegram: Telegram, botInfo: ConstructorParameters<typeof Context>[2]) {
      super(update, telegram, botInfo)
    }
  }
}

export async function runTerminalChat(bot: Telegraf<BotContext>, telegram: TerminalTelegram, options: TerminalChatOptions): Promise<void> {
  const { languageCode, input = process.stdin, write = (t) => process.stdout.write(t), interactive = false } = options
  bot.botInfo = { id: 0, is_bot: true, first_name: 'Khulasa', username: 'khulasa_bot', can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: true }
  const from = { id: CHAT_ID, is_bot: false, first_name: 'Terminal', language_code: languageCode }
  const lines = createInterface({ input, output: interactive ? process.stdout : undefined, terminal: interactive, prompt: '› ' })
  let updateId = 0
  if (interactive) lines.prompt()
  for await (const raw of lines) {
    const text = raw.trim()
    if (text === '') {
      if (interactive) lines.prompt()
      continue
    }
    const button = /^\d{1,2}$/.test(text) ? telegram.buttons[Number(text) - 1] : undefined
    const update = button?.callback_data
      ? { update_id: ++updateId, callback_query: { id: String(updateId), from, chat_instance: '1', data: button.callback_data, message: { message_id: 1, date: 0, chat: { id: CHAT_ID, type: 'private' as const, first_name: 'Terminal' }, text: '' } } }
      : { update_id: ++updateId, message: { message_id: updateId, date: telegram.unixTime(), chat: { id: CHAT_ID, type: 'private' as const, first_name: 'Terminal' }, from, text, entities: commandEntity(text) } }
    if (!interactive) write(`› ${text}\n`)
    await bot.handleUpdate(update as Update)
    if (interactive) lines.prompt()
  }
}

function commandEntity(text: string) {
  const command = /^\/\S+/.exec(text)?.[0]
  return command ? [{ type: 'bot_command' as const, offset: 0, length: command.length }] : undefined
}
