import type { Article } from '../articles/types.js'
import type { OutboundPart } from '../digest/outbound.js'
import type { DigestRenderer } from '../digest/render.js'
import { messagesFor, type Messages } from '../i18n/messages.js'
import { TELEGRAM_TEXT_LIMIT, escapeHtml, safe } from './format.js'
import { storyWhen, type Reader } from './reader.js'
import { storyButton, storyHeadline } from './story-format.js'

const TITLE_MAX = 200

/**
 * The digest as Telegram messages: a header with the day in words, then per story its headline, one line
 * of summary and (given a clock and zone) its date; a button per story opens it in the bot.
 * Split only between stories, under 4096 characters, each part carrying the buttons of its own stories.
 */
export function formatDigest(stories: Article[], lines: (string | undefined)[], t: Messages, date: string, when?: Omit<Reader, 't'>, limit = TELEGRAM_TEXT_LIMIT): OutboundPart[] {
  const reader = when ? { ...when, t } : undefined
  const header = `<b>${escapeHtml(t.digest.header(t.dates.day(date), stories.length))}</b>`
  const blocks = stories.map((article, i) => {
    const headline = storyHeadline(article.title, t, i + 1, TITLE_MAX)
    const dated = reader ? `${headline}\n<i>${escapeHtml(storyWhen(article, reader))}</i>` : headline
    const line = lines[i]
    return line ? `${dated}\n${safe(line)}` : dated
  })
  const rows = stories.map((article, i) => [storyButton(article, i + 1)])
  const parts: OutboundPart[] = []
  let text = header
  let keyboard: typeof rows = []
  blocks.forEach((block, i) => {
    if (text.length + 2 + block.length > limit && keyboard.length > 0) {
      parts.push({ text, parseMode: 'HTML', replyMarkup: { inline_keyboard: keyboard } })
      text = block
      keyboard = []
    }
    else text = `${text}\n\n${block}`
    keyboard.push(rows[i]!)
  })
  parts.push({ text, parseMode: 'HTML', ...(keyboard.length > 0 ? { replyMarkup: { inline_keyboard: keyboard } } : {}) })
  return parts
}

/** The renderer the digest service is given: the digest as data in, Telegram messages out. */
export const renderDigest: DigestRenderer = ({ stories, lines, languageCode, date, when }) =>
  formatDigest(stories, lines, messagesFor(languageCode), date, when)
