export type FeedFailureKind = 'address' | 'credentials' | 'scheme' | 'redirects' | 'timeout' | 'tooLarge' | 'notFeed' | 'network' | 'http' | 'other'

/**
 * The class of a feed's stored error (FeedState.lastError, a poll's outcome), from the fixed phrase its
 * message starts with (FetchProblem, FeedFormatProblem), so a reply can name the class in the reader's
 * language. Anything else is «other»: an older or unexpected message may quote a response.
 */
const CLASSES: [RegExp, FeedFailureKind][] = [
  [/^address not allowed\b/, 'address'],
  [/^credentials in URL\b/, 'credentials'],
  [/^(unsupported scheme|not a valid URL)\b/, 'scheme'],
  [/^too many redirects\b/, 'redirects'],
  [/^timed out\b/, 'timeout'],
  [/^too large\b/, 'tooLarge'],
  [/^not a feed\b/, 'notFeed'],
  [/^(cannot connect|connection broke)\b/, 'network'],
  [/^HTTP \d{3}\b/, 'http'],
]

export function feedFailure(message: string): { kind: FeedFailureKind, status?: number } {
  const kind = CLASSES.find(([pattern]) => pattern.test(message))?.[1] ?? 'other'
  return kind === 'http' ? { kind, status: Number(message.slice(5, 8)) } : { kind }
}
