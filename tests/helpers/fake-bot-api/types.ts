export type Payload = Record<string, unknown>

export interface RecordedCall {
  method: string
  payload: Payload
  /** performance.now() when the request arrived; the rate limiter uses the same clock. */
  at: number
  ok: boolean
  errorCode?: number
  description?: string
  /** The `result` the fake answered with, when ok. */
  result?: unknown
}

export interface Failure {
  code: number
  description: string
  retryAfter?: number
}

export interface RateLimits {
  globalPerSecond?: number
  perChatPerSecond?: number
}

export interface FakeBotApiOptions {
  token?: string
  rateLimits?: RateLimits
}

export interface TextEntity {
  type: string
  offset: number
  length: number
  url?: string
  language?: string
  custom_emoji_id?: string
}

export interface ResponseParameters {
  retry_after?: number
  migrate_to_chat_id?: number
}

/** Thrown by method handlers; the server turns it into a Bot API error body. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(`${code}: ${description}`)
    this.name = 'ApiError'
  }
}

export function badRequest(reason: string): ApiError {
  return new ApiError(400, `Bad Request: ${reason}`)
}

export function tooManyRequests(retryAfter: number): Failure {
  return { code: 429, description: `Too Many Requests: retry after ${retryAfter}`, retryAfter }
}

export function serverError(): Failure {
  // telegraf reports 5xx with the HTTP status text, so keep the two identical.
  return { code: 500, description: 'Internal Server Error' }
}

export function forbiddenBlocked(): Failure {
  return { code: 403, description: 'Forbidden: bot was blocked by the user' }
}

export function failureToError(failure: Failure): ApiError {
  const parameters = failure.retryAfter === undefined ? undefined : { retry_after: failure.retryAfter }
  return new ApiError(failure.code, failure.description, parameters)
}

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}
