// The load generator of bench:webhook, in a process of its own so it never shares a bot's event loop:
// `connections` keep-alive connections, each posting the next update (a fresh update_id, chat and query id)
// as soon as the previous one is answered. Requests finished during the warm-up are not counted.
// Prints one JSON line: {posted, completed, seconds, perSecond, p50, p99, errors}.
import { Agent, request } from 'node:http'
import { pathToFileURL } from 'node:url'

export type LoadKind = 'latest' | 'search' | 'inline' | 'callback'

export interface LoadSpec {
  url: string
  secret: string
  kind: LoadKind
  /** The message text (latest, search), the inline query, or the callback data. */
  text: string
  connections: number
  warmupMs: number
  durationMs: number
  /** Update i carries update_id firstUpdateId + i and comes from chat (and user) firstChatId + i % chats. */
  firstUpdateId: number
  firstChatId: number
  chats: number
  /** Updates a second over all connections (an open schedule); 0 or absent: each connection posts as soon as it is answered. */
  rate?: number
}

export interface LoadResult {
  /** Every update posted and answered, warm-up included: the fake Bot API should have answered each once. */
  posted: number
  /** Answered inside the measured window. */
  completed: number
  seconds: number
  perSecond: number
  p50: number
  p99: number
  /** Non-200 answers and failed requests. */
  errors: number
  /** The measured window on the monotonic clock in µs (what V8's CPU profile timestamps use). */
  window: [number, number]
  /** This load generator's own CPU (user + system) over the whole run, warm-up included. */
  cpuMs: number
  /** TCP connections the webhook made us open (keep-alive: `connections`), and its answers' bytes (status line, headers, body). */
  sockets: number
  responseBytes: number
}

/** Update i of the run; the ids are what the answers are counted by. */
export function updateFor(spec: LoadSpec, i: number): Record<string, unknown> {
  const id = spec.firstUpdateId + i
  const chatId = spec.firstChatId + (i % spec.chats)
  const from = { id: chatId, is_bot: false, first_name: 'Bench', language_code: 'ar' }
  const chat = { id: chatId, type: 'private', first_name: 'Bench' }
  const date = Math.floor(Date.now() / 1000)
  if (spec.kind === 'inline') return { update_id: id, inline_query: { id: `q${id}`, from, query: spec.text, offset: '', chat_type: 'private' } }
  if (spec.kind === 'callback') {
    const message = { message_id: 1, date, chat, from: { id: 123456, is_bot: true, first_name: 'Bench' }, text: '…' }
    return { update_id: id, callback_query: { id: `q${id}`, from, chat_instance: `i${chatId}`, data: spec.text, message } }
  }
  const command = /^\/\S+/.exec(spec.text)![0]
  return { update_id: id, message: { message_id: id, date, chat, from, text: spec.text, entities: [{ type: 'bot_command', offset: 0, length: command.length }] } }
}

export function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!
}

async function run(spec: LoadSpec): Promise<LoadResult> {
  const target = new URL(spec.url)
  const agent = new Agent({ keepAlive: true, maxSockets: spec.connections })
  const sockets = new WeakSet<object>()
  let socketCount = 0
  let responseBytes = 0
  const post = (body: string) => new Promise<number>((resolve) => {
    const req = request({
      agent,
      host: target.hostname,
      port: target.port,
      path: target.pathname,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-telegram-bot-api-secret-token': spec.secret },
    }, (res) => {
      responseBytes += 17 + res.rawHeaders.reduce((n, h) => n + h.length + 2, 0)
      res.on('data', (chunk: Buffer) => { responseBytes += chunk.length })
      res.on('end', () => resolve(res.statusCode ?? 0))
      res.on('error', () => resolve(0))
    })
    req.on('socket', (socket) => {
      if (!sockets.has(socket)) socketCount++
      sockets.add(socket)
    })
    req.on('error', () => resolve(0))
    req.end(body)
  })
  const cpuBefore = process.cpuUsage()
  const start = performance.now()
  const monotonicUs = (at: number) => Number(process.hrtime.bigint() / 1000n) + Math.round((at - performance.now()) * 1000)
  const measureFrom = start + spec.warmupMs
  const end = measureFrom + spec.durationMs
  const latencies: number[] = []
  let next = 0
  let completed = 0
  let errors = 0
  // At a fixed rate both bots do the same work a second, so their CPU per update compares without batching effects.
  const due = (i: number) => start + (i * 1000) / spec.rate!
  async function connection() {
    for (let sent = performance.now(); sent < end; sent = performance.now()) {
      if (spec.rate && due(next) > sent) {
        await new Promise((resolve) => setTimeout(resolve, due(next) - sent))
        sent = performance.now()
        if (sent >= end) break
      }
      const status = await post(JSON.stringify(updateFor(spec, next++)))
      const done = performance.now()
      if (status !== 200) errors++
      if (sent >= measureFrom) latencies.push(done - sent)
      if (done >= measureFrom && done <= end) completed++
    }
  }
  await Promise.all(Array.from({ length: spec.connections }, connection))
  agent.destroy()
  const cpu = process.cpuUsage(cpuBefore)
  latencies.sort((a, b) => a - b)
  const seconds = spec.durationMs / 1000
  const round = (ms: number) => Math.round(ms * 10) / 10
  return {
    posted: next, completed, seconds, perSecond: Math.round(completed / seconds),
    p50: round(percentile(latencies, 0.5)), p99: round(percentile(latencies, 0.99)), errors,
    window: [monotonicUs(measureFrom), monotonicUs(end)],
    cpuMs: Math.round((cpu.user + cpu.system) / 1000), sockets: socketCount, responseBytes,
  }
}

// Run as a script (bench:webhook spawns it); imported, it only lends updateFor and percentile.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await run(JSON.parse(process.argv[2]!) as LoadSpec)
  process.stdout.write(`${JSON.stringify(result)}\n`)
}
