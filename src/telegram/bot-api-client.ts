import { STATUS_CODES } from 'node:http'
import { Telegram, TelegramError } from 'telegraf'
import { Pool } from 'undici'

type CallApi = Telegram['callApi']

export interface BotApiClient {
  /** A drop-in for telegraf's callApi: the same results, and the same TelegramError for a refusal or a 5xx. */
  callApi: CallApi
  close(): Promise<void>
}

/** JSON of values that will not change again (keepJson), made once however many calls carry them. */
const keptJson = new WeakMap<object, string>()

/**
 * Marks a value as final and makes its JSON now: a call that carries it in a top-level array (an inline answer's results)
 * sends that text instead of serializing it again. Serializing an inline answer's 20 results was 95 µs of every answer.
 */
export function keepJson<T extends object>(value: T): T {
  keptJson.set(Object.freeze(value), JSON.stringify(value))
  return value
}

/** JSON.stringify(payload), with the kept items of its top-level arrays spliced in as made. */
function bodyOf(payload: Record<string, unknown>): string {
  if (!Object.values(payload).some(isKeptArray)) return JSON.stringify(payload)
  const parts: string[] = []
  for (const key in payload) {
    const value = payload[key]
    // As JSON.stringify leaves them out.
    if (value === undefined) continue
    const json = isKeptArray(value) ? `[${value.map((item) => keptJson.get(item) ?? JSON.stringify(item)).join(',')}]` : JSON.stringify(value)
    parts.push(`${JSON.stringify(key)}:${json}`)
  }
  return `{${parts.join(',')}}`
}

function isKeptArray(value: unknown): value is object[] {
  return Array.isArray(value) && value.length > 0 && keptJson.has(value[0] as object)
}

/** Telegram's webhook allows 40 connections by default; replies of a busy process need no more than this. */
const MAX_CONNECTIONS = 128
/** Above the long poll's 50 s, and what a reply may take before the chat's lane stops waiting for it (60 s). */
const ANSWER_TIMEOUT_MS = 90_000
/** A getUpdates of 100 updates is well under a megabyte; anything near this is not the Bot API. */
const MAX_ANSWER_BYTES = 32 * 1024 * 1024

/**
 * Bot API calls over one undici pool of keep-alive connections. telegraf's own client sends through node-fetch and
 * http.request with a JSON replacer, and cost about 190 µs of CPU a call where undici costs about 50 (32 calls at a time on this machine):
 * on the webhook hot path that was the largest single difference from a bare bot. Uploads (a file's `source` or `url`)
 * still go through telegraf's multipart client, as it builds them.
 * It talks only to TELEGRAM_API_ROOT, which the operator sets (a self-hosted Bot API server is often on a private address),
 * so it is not src/net/guarded-fetch.ts; it has its own time and size caps.
 */
export function createBotApiClient({ apiRoot, token }: { apiRoot: string, token: string }): BotApiClient {
  // As telegraf resolves it: relative to the root, so a root with a path (a local Bot API server behind a prefix) keeps it.
  const base = new URL(`./bot${token}/`, apiRoot)
  const pool = new Pool(base.origin, {
    connections: MAX_CONNECTIONS,
    headersTimeout: ANSWER_TIMEOUT_MS,
    bodyTimeout: ANSWER_TIMEOUT_MS,
    maxResponseSize: MAX_ANSWER_BYTES,
  })
  const upload = Telegram.prototype.callApi

  const callApi = async function (this: Telegram, method: string, payload: Record<string, unknown> = {}, options: { signal?: AbortSignal } = {}) {
    if (hasUpload(payload)) return upload.call(this, method as never, payload as never, options as never)
    const { statusCode, body } = await pool.request({
      path: base.pathname + method,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: bodyOf(payload),
      signal: options.signal,
    })
    if (statusCode >= 500) {
      await body.dump()
      throw new TelegramError({ error_code: statusCode, description: STATUS_CODES[statusCode] ?? 'Server Error' }, { method, payload })
    }
    const data = await body.json() as { ok: boolean, result?: unknown, error_code: number, description: string }
    if (!data.ok) throw new TelegramError(data, { method, payload })
    return data.result
  } as CallApi

  return { callApi, close: () => pool.close() }
}

/** A file to upload, as telegraf's InputFile shapes it: `{ source }` or `{ url }`, alone or as a media item's `media`. */
function hasUpload(payload: Record<string, unknown>): boolean {
  for (const key in payload) {
    if (key === 'link_preview_options') continue
    const value = payload[key]
    if (Array.isArray(value) ? value.some((item) => isFile(mediaOf(item))) : isFile(value) || isFile(mediaOf(value))) return true
  }
  return false
}

function mediaOf(item: unknown): unknown {
  return (item as { media?: unknown } | null)?.media
}

function isFile(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Boolean((value as { source?: unknown }).source || (value as { url?: unknown }).url)
}
