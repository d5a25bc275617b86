import type { IncomingMessage, ServerResponse } from 'node:http'
import { ApiError, badRequest, type Payload } from './types.js'

const MAX_BODY_BYTES = 10 * 1024 * 1024

// In query strings and url-encoded forms every value is a string; the Bot API
// decodes these fields as JSON and these as numbers/booleans.
const JSON_FIELDS = new Set([
  'reply_markup',
  'results',
  'entities',
  'caption_entities',
  'link_preview_options',
  'reply_parameters',
  'commands',
  'scope',
  'allowed_updates',
  'button',
])
const NUMBER_FIELDS = new Set([
  'message_id',
  'from_chat_id',
  'reply_to_message_id',
  'message_thread_id',
  'user_id',
  'offset',
  'limit',
  'timeout',
  'cache_time',
])
const BOOLEAN_FIELDS = new Set([
  'disable_notification',
  'protect_content',
  'show_alert',
  'is_personal',
  'drop_pending_updates',
  'disable_web_page_preview',
  'allow_sending_without_reply',
])

function normalizeStringField(key: string, value: string): unknown {
  if (JSON_FIELDS.has(key)) {
    try {
      return JSON.parse(value) as unknown
    }
    catch {
      throw badRequest(`can't parse ${key} JSON object`)
    }
  }
  if (NUMBER_FIELDS.has(key) && /^-?\d+$/.test(value)) return Number(value)
  if (key === 'chat_id' && /^-?\d+$/.test(value)) return Number(value)
  if (BOOLEAN_FIELDS.has(key) && (value === 'true' || value === 'false')) return value === 'true'
  return value
}

function fromSearchParams(params: URLSearchParams, into: Payload): void {
  for (const [key, value] of params) into[key] = normalizeStringField(key, value)
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) throw new ApiError(413, 'Request Entity Too Large')
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** Reads the method parameters from the query string and a JSON or url-encoded body. */
export async function readPayload(req: IncomingMessage, url: URL): Promise<Payload> {
  const payload: Payload = {}
  fromSearchParams(url.searchParams, payload)
  const body = await readBody(req)
  if (body === '') return payload
  const contentType = (req.headers['content-type'] ?? '').toLowerCase()
  if (contentType.startsWith('application/json')) {
    let parsed: unknown
    try {
      parsed = JSON.parse(body)
    }
    catch {
      throw badRequest('can\'t parse JSON encoded request body')
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw badRequest('request body must be a JSON object')
    }
    for (const [key, value] of Object.entries(parsed)) {
      payload[key] = typeof value === 'string' && JSON_FIELDS.has(key) ? normalizeStringField(key, value) : value
    }
    return payload
  }
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    fromSearchParams(new URLSearchParams(body), payload)
    return payload
  }
  throw badRequest(`fake Bot API does not accept content-type "${contentType}"`)
}

export function writeJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed || res.writableEnded) return
  const json = JSON.stringify(body)
  const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) }
  // telegraf reads the HTTP status text (not the body) for 5xx, so carry the description there.
  const reason = (body as { description?: string }).description ?? ''
  if (status >= 500 && /^[\x20-\x7e]+$/.test(reason)) res.writeHead(status, reason, headers)
  else res.writeHead(status, headers)
  res.end(json)
}
