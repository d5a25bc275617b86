import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** What the fake does with one request. */
export type FakeBehaviour =
  | { kind: 'reply', content: string, promptTokens?: number, completionTokens?: number }
  | { kind: 'slow', ms: number, content?: string }
  | { kind: 'status', status: 401 | 429 | 500 | 503, message?: string }

export interface ChatRequest {
  model: string
  messages: { role: string, content: string }[]
  max_tokens?: number
  temperature?: number
  authorization?: string
}

export interface FakeOpenAi {
  /** Pass as OPENAI_BASE_URL / the client's baseURL. */
  baseURL: string
  requests: ChatRequest[]
  /** Behaviours for the next requests, in order; afterwards the default applies. */
  script(...behaviours: FakeBehaviour[]): void
  setDefault(behaviour: FakeBehaviour | ((request: ChatRequest) => FakeBehaviour)): void
  /** Forgets recorded requests and unused scripted behaviours, between tests. */
  reset(): void
  close(): Promise<void>
}

/**
 * A local OpenAI-compatible server for POST /v1/chat/completions over real HTTP on 127.0.0.1, so the real
 * openai client (retries, timeouts, error classes) is what the tests exercise.
 */
export async function startFakeOpenAi(defaultBehaviour: FakeBehaviour = { kind: 'reply', content: 'خلاصة.' }): Promise<FakeOpenAi> {
  const requests: ChatRequest[] = []
  const scripted: FakeBehaviour[] = []
  let fallback: FakeBehaviour | ((request: ChatRequest) => FakeBehaviour) = defaultBehaviour
  const timers = new Set<NodeJS.Timeout>()

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => res.destroy())
  })

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return send(res, 404, { error: { message: `no route ${req.method} ${req.url}`, type: 'invalid_request_error' } })
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest
    const request = { ...body, authorization: req.headers.authorization }
    requests.push(request)
    const behaviour = scripted.shift() ?? (typeof fallback === 'function' ? fallback(request) : fallback)
    if (behaviour.kind === 'status') {
      const type = behaviour.status === 401 ? 'invalid_api_key' : behaviour.status === 429 ? 'rate_limit_exceeded' : 'server_error'
      // retry-after-ms keeps the client's own retries fast in tests.
      return send(res, behaviour.status, { error: { message: behaviour.message ?? type, type, code: type } }, { 'retry-after-ms': '10' })
    }
    if (behaviour.kind === 'slow') {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => { timers.delete(timer); resolve() }, behaviour.ms)
        timers.add(timer)
        res.on('close', () => { clearTimeout(timer); timers.delete(timer); resolve() })
      })
      if (res.destroyed || res.writableEnded) return
      return send(res, 200, completion(body.model, behaviour.content ?? 'خلاصة متأخرة.', 100, 20))
    }
    send(res, 200, completion(body.model, behaviour.content, behaviour.promptTokens ?? 120, behaviour.completionTokens ?? 30))
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...behaviours) => void scripted.push(...behaviours),
    setDefault: (behaviour) => { fallback = behaviour },
    reset: () => {
      requests.length = 0
      scripted.length = 0
    },
    close: () => new Promise<void>((resolve) => {
      for (const timer of timers) clearTimeout(timer)
      server.closeAllConnections()
      server.close(() => resolve())
    }),
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}

function completion(model: string, content: string, promptTokens: number, completionTokens: number) {
  return {
    id: `chatcmpl-fake-${Date.now()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  }
}
