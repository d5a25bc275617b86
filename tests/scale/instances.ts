import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { waitFor } from './redis-helpers.js'

const root = fileURLToPath(new URL('../..', import.meta.url))

export const WEBHOOK_SECRET = 'scale-test-secret-0123456789'
export const WEBHOOK_PATH = '/telegram/hook'

export interface Instance {
  pid: number
  port: number
  lines: () => { msg: string, [key: string]: unknown }[]
  /** The status of a webhook post; each request gives up after 10 s (a test bounds it tighter with `timeoutMs`). */
  post: (body: unknown, timeoutMs?: number) => Promise<number>
  get: (path: string, options?: { timeoutMs?: number, headers?: Record<string, string> }) => Promise<Response>
  metric: (name: string) => Promise<number>
  stop: () => Promise<number | null>
  /** SIGKILL: no shutdown, no lease given back, as when the machine dies. */
  kill: () => Promise<void>
}

/** One bot process in webhook mode (src/main.ts, as deployed), on the test's fake Bot API and Redis. */
export async function startInstance(env: Record<string, string>): Promise<Instance> {
  // node with tsx's loader, not the tsx CLI: one process, so a SIGKILL kills the bot itself, not a wrapper.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH!,
      HOME: process.env.HOME!,
      WEBHOOK_URL: `https://bot.example.test${WEBHOOK_PATH}`,
      WEBHOOK_SECRET,
      PORT: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout.on('data', (d) => { out += d })
  child.stderr.on('data', (d) => { err += d })
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
  const lines = () => out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { msg: string })
  let port = 0
  try {
    await waitFor(() => {
      if (child.exitCode !== null) throw new Error(`instance exited (${child.exitCode}): ${err || out}`)
      const started = lines().find((l) => l.msg.startsWith('webhook mode started'))
      port = Number(/listening on port (\d+)/.exec(started?.msg ?? '')?.[1] ?? 0)
      return port > 0
    }, 25_000, 'the instance to listen')
  }
  catch (error) {
    child.kill('SIGKILL')
    throw error
  }
  const base = `http://127.0.0.1:${port}`
  return {
    pid: child.pid!,
    port,
    lines,
    post: async (body, timeoutMs = 10_000) => (await fetch(`${base}${WEBHOOK_PATH}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET },
      signal: AbortSignal.timeout(timeoutMs),
    })).status,
    get: (path, { timeoutMs = 10_000, headers = {} } = {}) => fetch(`${base}${path}`, { headers, signal: AbortSignal.timeout(timeoutMs) }),
    async metric(name) {
      const text = await (await fetch(`${base}/metrics`)).text()
      return text.split('\n').filter((l) => l.startsWith(name)).reduce((sum, l) => sum + Number(l.split(' ').pop()), 0)
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      const code = await exited
      clearTimeout(timer)
      return code
    },
  }
}
