// A load-test Bot API: every method answers ok:true with a plausible result at once, and counts the answers
// each chat, inline query and callback query got. The strict fake in tests/helpers checks far more and is too
// slow for thousands of updates a second; this one checks nothing.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export const BENCH_TOKEN = '123456:bench-token'
const BOT = { id: 123456, is_bot: true, first_name: 'Bench', username: 'khulasa_bench_bot' }

export interface ApiCall { method: string, payload: Record<string, unknown> }

/** What one bot cost the fake since the last reset: calls by method, bytes received, TCP connections opened. */
export interface ApiTraffic {
  calls: number
  byMethod: Record<string, number>
  /** Request line + headers + body, as received. */
  bytesIn: number
  connections: number
  /** Requests that asked for `connection: close` (a client without keep-alive). */
  closing: number
}

export interface MinimalBotApi {
  apiRoot: string
  /** sendMessage calls per chat id since the last reset. */
  messages: Map<number, number>
  /** answerInlineQuery / answerCallbackQuery calls per query id since the last reset. */
  inlineAnswers: Map<string, number>
  callbackAnswers: Map<string, number>
  /** Every call since the last reset, kept only while recording (the probe that learns the bot's replies). */
  calls: ApiCall[]
  record(on: boolean): void
  traffic(): ApiTraffic
  reset(): void
  close(): Promise<void>
}

export async function startMinimalBotApi(): Promise<MinimalBotApi> {
  let recording = false
  let nextMessageId = 1
  const api = {
    messages: new Map<number, number>(),
    inlineAnswers: new Map<string, number>(),
    callbackAnswers: new Map<string, number>(),
    calls: [] as ApiCall[],
  }
  const fresh = (): ApiTraffic => ({ calls: 0, byMethod: {}, bytesIn: 0, connections: 0, closing: 0 })
  let traffic = fresh()
  const bump = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1)

  function result(method: string, p: Record<string, unknown>): unknown {
    const chat = { id: Number(p.chat_id), type: 'private', first_name: 'Bench' }
    const message = () => ({ message_id: nextMessageId++, date: Math.floor(Date.now() / 1000), chat, from: BOT, text: p.text, ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}) })
    switch (method) {
      case 'getMe': return BOT
      case 'sendMessage': bump(api.messages, Number(p.chat_id)); return message()
      case 'editMessageText': return message()
      case 'answerInlineQuery': bump(api.inlineAnswers, String(p.inline_query_id)); return true
      case 'answerCallbackQuery': bump(api.callbackAnswers, String(p.callback_query_id)); return true
      case 'getWebhookInfo': return { url: '', has_custom_certificate: false, pending_update_count: 0 }
      default: return true
    }
  }

  function handle(req: IncomingMessage, res: ServerResponse, body: string) {
    const method = req.url!.slice(req.url!.lastIndexOf('/') + 1)
    let payload: Record<string, unknown> = {}
    try {
      if (body) payload = JSON.parse(body) as Record<string, unknown>
    }
    catch {
      // A multipart upload: nothing the bench sends; answer it like any other call.
    }
    if (recording) api.calls.push({ method, payload })
    const text = JSON.stringify({ ok: true, result: result(method, payload) })
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
    res.end(text)
    traffic.calls++
    traffic.byMethod[method] = (traffic.byMethod[method] ?? 0) + 1
    traffic.bytesIn += req.method!.length + req.url!.length + 12 + req.rawHeaders.reduce((n, h) => n + h.length + 2, 0) + Buffer.byteLength(body)
    if (req.headers.connection?.toLowerCase() === 'close') traffic.closing++
  }

  const server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => { body += chunk })
    req.on('end', () => handle(req, res, body))
  })
  server.on('connection', () => { traffic.connections++ })
  server.keepAliveTimeout = 60_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    ...api,
    apiRoot: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    record(on) { recording = on },
    traffic: () => traffic,
    reset() {
      traffic = fresh()
      api.messages.clear()
      api.inlineAnswers.clear()
      api.callbackAnswers.clear()
      api.calls.length = 0
    },
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    }),
  }
}
