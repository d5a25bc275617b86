import type { Article } from '../articles/types.js'
import type { OutboundPart } from './outbound.js'

/** A digest as data: what the edge (src/telegram/digest-format.ts) turns into messages and buttons. */
export interface DigestToRender {
  stories: Article[]
  /** One summary line per story, undefined when none. */
  lines: (string | undefined)[]
  languageCode: string
  /** The subscriber's local date of this digest, yyyy-MM-dd. */
  date: string
  /** The send time and the reader's zone, for each story's date; without it stories go undated. */
  when?: { now: Date, timeZone: string }
}

export type DigestRenderer = (digest: DigestToRender) => OutboundPart[]
