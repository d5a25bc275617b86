import { ar, type Messages } from './ar.js'
import { en } from './en.js'

export type { Messages }

/** Arabic first; English for users whose Telegram is set to English. */
export function messagesFor(languageCode: string | undefined): Messages {
  return languageCode?.toLowerCase().startsWith('en') ? en : ar
}
