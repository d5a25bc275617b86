import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import type { Update } from 'telegraf/types'
import { chatKey, type BotMessage, type ChatId } from './chat-store.js'
import { parseMessageText } from './validate.js'
import { ApiState, countsAsSend, findHandler, isBlockable } from './methods.js'
import { SlidingWindowLimiter } from './rate-limiter.js'
import { readPayload, writeJson } from './http-io.js'
import {
  ApiError,
  failureToError,
  forbiddenBlocked,
  serverError,
  tooManyRequests,
  type Failure,
  type FakeBotApiOptions,
  type Payload,
  type RateLimits,
  type RecordedCall,
} from './types.js'

const DEFAULT_TOKEN = '123456:TEST-token'
const realSetTimeout = globalThis.setTimeout
const realClearTimeout = globalThis.clearTimeout
const realSetImmediate = globalThis.setImmediate

export class FakeBotApi {
  readonly calls: RecordedCall[] = []
  readonly token: string
  apiRoot = ''
  private readonly state = new ApiState()
  private readonly limiter = new SlidingWindowLimiter()
  private readonly failures = new Map<string, Failure[]>()
  private readonly blocked = new Set<string>()
  private readonly listeners = new Set<() => void>()
  private readonly holds = new Map<string, HeldCall[]>()
  private readonly server: Server

  constructor(options: FakeBotApiOptions = {}) {
    this.token = options.token ?? DEFAULT_TOKEN
    if (options.rateLimits) this.limiter.setLimits(options.rateLimits)
    this.server = createServer((req, res) => void this.handle(req, res))
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(0, '127.0.0.1', () => resolve())
    })
    const { port } = this.server.address() as AddressInfo
    this.apiRoot = `http://127.0.0.1:${port}`
  }

  get rateLimitViolations(): number {
    return this.limiter.violations
  }

  callsTo(method: string): RecordedCall[] {
    const name = method.toLowerCase()
    return this.calls.filter((call) => call.method.toLowerCase() === name)
  }

  /** Successful sendMessage calls. */
  sent(): RecordedCall[] {
    return this.callsTo('sendMessage').filter((call) => call.ok)
  }

  /** Texts of successful sendMessage calls to the chat, as the user sees them (markup removed, entities decoded). */
  textsTo(chatId: ChatId): string[] {
    const key = chatKey(chatId)
    return this.sent()
      .filter((call) => chatKey(call.payload.chat_id) === key)
      .map((call) => (call.result as BotMessage).text)
  }

  /** The chat's bot messages as they stand now, after edits and deletions. */
  messagesIn(chatId: ChatId): BotMessage[] {
    return this.state.store.inChat(chatId)
  }

  /** Registers a bot message sent "earlier", e.g. the one a callbackUpdate's button sits on. */
  seedMessage(chatId: ChatId, text: string, options: { parseMode?: string, replyMarkup?: unknown } = {}): BotMessage {
    return this.state.store.add(chatId, parseMessageText(text, options.parseMode), options.replyMarkup)
  }

  failNext(method: string, failure: Failure, times = 1): void {
    const queue = this.failures.get(method.toLowerCase()) ?? []
    for (let i = 0; i < times; i++) queue.push(failure)
    this.failures.set(method.toLowerCase(), queue)
  }

  tooManyRequests(retryAfter: number): Failure {
    return tooManyRequests(retryAfter)
  }

  serverError(): Failure {
    return serverError()
  }

  /**
   * Holds the next call to `method` unanswered until release(): a handler stuck mid-reply, on cue.
   * `arrived` resolves once the call is being held. A call whose client went away meanwhile is not recorded.
   */
  holdNext(method: string): { arrived: Promise<void>, release: () => void, abandoned: Promise<void> } {
    let arrive!: () => void
    let release!: () => void
    let abandon!: () => void
    const arrived = new Promise<void>((resolve) => { arrive = resolve })
    const released = new Promise<void>((resolve) => { release = resolve })
    const abandoned = new Promise<void>((resolve) => { abandon = resolve })
    const queue = this.holds.get(method.toLowerCase()) ?? []
    queue.push({ arrive, released, abandon })
    this.holds.set(method.toLowerCase(), queue)
    return { arrived, release, abandoned }
  }

  blockChat(chatId: ChatId): void {
    this.blocked.add(chatKey(chatId) ?? '')
  }

  unblockChat(chatId: ChatId): void {
    this.blocked.delete(chatKey(chatId) ?? '')
  }

  setRateLimits(limits: RateLimits): void {
    this.limiter.setLimits(limits)
  }

  /** Queues an update for getUpdates; returns it as queued (update_id may be bumped to stay increasing). */
  pushUpdate(update: Update): Update {
    return this.state.updates.push(update)
  }

  /** Resolves once `count` getUpdates calls are held open: a test can push knowing the poll is waiting. */
  async waitForHeldPolls(count = 1): Promise<void> {
    while (this.state.updates.waiting < count) await new Promise((resolve) => setImmediate(resolve))
  }

  clearCalls(): void {
    this.calls.length = 0
  }

  /** Hands over the calls recorded so far and forgets them and the stored messages: long benchmarks tally as they go. */
  takeCalls(): RecordedCall[] {
    const taken = this.calls.splice(0)
    this.state.store.clear()
    return taken
  }

  /** Resolves once `count` calls to `method` have been answered (any outcome). */
  waitForCalls(method: string, count = 1, timeoutMs = 2000): Promise<RecordedCall[]> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const matching = this.callsTo(method)
        if (matching.length < count) return false
        this.listeners.delete(listener)
        realClearTimeout(timer)
        resolve(matching)
        return true
      }
      const listener = (): void => void check()
      const timer = realSetTimeout(() => {
        this.listeners.delete(listener)
        reject(new Error(`waited ${timeoutMs} ms for ${count} ${method} call(s), saw ${this.callsTo(method).length}`))
      }, timeoutMs)
      this.listeners.add(listener)
      check()
    })
  }

  async close(): Promise<void> {
    this.state.updates.releaseAll()
    // Let released long polls write their empty answers before sockets go away.
    await new Promise((resolve) => realSetImmediate(resolve))
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()))
    this.server.closeAllConnections()
    await closed
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = performance.now()
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const match = /^\/bot([^/]+)\/([^/]+)\/?$/.exec(url.pathname)
    if (!match) {
      req.resume()
      writeJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' })
      return
    }
    const token = decodeURIComponent(match[1]!)
    const method = decodeURIComponent(match[2]!)
    let payload: Payload = {}
    let payloadError: unknown
    try {
      payload = await readPayload(req, url)
    }
    catch (error) {
      payloadError = error
    }
    try {
      if (token !== this.token) throw new ApiError(401, 'Unauthorized')
      if (payloadError !== undefined) throw payloadError
      const result = await this.dispatch(method, payload, at, res)
      if (res.destroyed) return
      writeJson(res, 200, { ok: true, result })
      this.record({ method, payload, at, ok: true, result })
    }
    catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(500, 'Internal Server Error')
      if (!(error instanceof ApiError)) console.error('fake Bot API handler crashed', error)
      const body = { ok: false, error_code: apiError.code, description: apiError.description, parameters: apiError.parameters }
      writeJson(res, apiError.code, body)
      this.record({ method, payload, at, ok: false, errorCode: apiError.code, description: apiError.description })
    }
  }

  private async dispatch(method: string, payload: Payload, at: number, res: ServerResponse): Promise<unknown> {
    const handler = findHandler(method)
    if (!handler) throw new ApiError(404, 'Not Found: method not found')
    const hold = this.holds.get(method.toLowerCase())?.shift()
    if (hold) {
      res.once('close', () => { if (!res.writableEnded) hold.abandon() })
      hold.arrive()
      await hold.released
      // The caller died while the call was held (a SIGKILLed bot): the request is lost, nothing is recorded.
      if (res.destroyed || !res.socket || res.socket.destroyed) throw new ApiError(499, 'client closed the request')
    }
    const failure = this.failures.get(method.toLowerCase())?.shift()
    if (failure) throw failureToError(failure)
    const chat = chatKey(payload.chat_id)
    if (chat !== undefined && isBlockable(method) && this.blocked.has(chat)) throw failureToError(forbiddenBlocked())
    const limited = countsAsSend(method)
    if (limited && this.limiter.wouldExceed(at, chat)) {
      throw new ApiError(429, 'Too Many Requests: retry after 1', { retry_after: 1 })
    }
    const onCancel = (cancel: () => void): void => {
      res.on('close', () => {
        if (!res.writableEnded) cancel()
      })
    }
    const result = await handler({ payload, state: this.state, onCancel })
    if (limited) this.limiter.record(at, chat)
    return result
  }

  private record(call: RecordedCall): void {
    this.calls.push(call)
    for (const listener of [...this.listeners]) listener()
  }
}

interface HeldCall {
  arrive: () => void
  released: Promise<void>
  /** The caller went away while the call was held. */
  abandon: () => void
}

export async function startFakeBotApi(options: FakeBotApiOptions = {}): Promise<FakeBotApi> {
  const api = new FakeBotApi(options)
  await api.listen()
  return api
}
