import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { startFakeBotApi } from './helpers/fake-bot-api.js'
import { messageUpdate } from './helpers/updates.js'
import { freePort, waitFor } from './scale/redis-helpers.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url))

/**
 * main.ts in an empty folder with an explicit environment: a developer's .env (dotenv reads the
 * working directory) or exported token can never turn these runs into calls to the real Telegram.
 */
function startMain(env: Record<string, string>, stdin?: string) {
  const child = spawn(tsx, [join(root, 'src/main.ts')], {
    cwd: mkdtempSync(join(tmpdir(), 'khulasa-main-')),
    env: { PATH: process.env.PATH!, HOME: process.env.HOME!, STORAGE_URL: 'memory://', SEEDS_DIR: join(root, 'seeds'), ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => { stdout += d })
  child.stderr.on('data', (d) => { stderr += d })
  if (stdin !== undefined) child.stdin.end(stdin)
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
  return { child, exited, out: () => stdout, err: () => stderr }
}

describe('main', () => {
  it('answers commands from standard input and exits at its end, given no token', async () => {
    const run = startMain({}, '/latest 10\n/help\n')
    expect(await run.exited).toBe(0)
    expect(run.err()).toContain('terminal chat started: TELEGRAM_BOT_TOKEN is not set; reading commands from standard input')
    expect(run.err()).toContain('offline extractive summarizer (OPENAI_API_KEY is not set)')
    expect(run.out()).toContain('› /latest 10')
    expect(run.out()).toContain('1. لوكاشينكو لوزير الدفاع الصيني: نحن بحاجة لحماية دولتينا وشعبينا')
    expect(run.out()).toContain('2. شولتس في زيارة مفاجئة لأوكرانيا')
    expect(run.out()).toContain('/latest [عدد]')
  }, 20_000)

  it('stops with one line naming the variable, given a bad setting', async () => {
    const run = startMain({ DIGEST_TIME: '25:99' }, '')
    expect(await run.exited).toBe(1)
    expect(run.err().trim()).toBe('khulasa: Invalid DIGEST_TIME="25:99": expected a time as HH:MM (00:00–23:59)')
  }, 20_000)

  it('long-polls the Bot API and answers, given a token and TELEGRAM_API_ROOT', async () => {
    const api = await startFakeBotApi()
    const run = startMain({ TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot })
    try {
      api.pushUpdate(messageUpdate({ text: '/latest 1', chatId: 901 }))
      await api.waitForCalls('sendMessage', 1, 15_000)
      expect(api.textsTo(901)[0]).toMatch(/^📰 آخر خبر\n\n1\. لوكاشينكو/)
      expect(api.callsTo('setMyCommands')).toHaveLength(2)
      // A service writes its log lines in batches, within half a second.
      await waitFor(() => run.out().includes('long polling started: TELEGRAM_BOT_TOKEN is set'), 5_000, 'the start line in the log')
      expect(run.out()).not.toContain(api.token)
    }
    finally {
      run.child.kill('SIGTERM')
      expect(await run.exited).toBe(0)
      await api.close()
    }
  }, 30_000)

  it('keeps polling with one line per failed call and never prints the token, given a Bot API on a closed port', async () => {
    const token = '123456:SECRETTOKEN-of-this-test'
    const run = startMain({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: `http://127.0.0.1:${await freePort()}`, LOG_LEVEL: 'info' })
    try {
      await waitFor(() => (run.out().match(/getMe failed: ECONNREFUSED \(Bot API unreachable\); retrying in/g) ?? []).length >= 2, 15_000, 'two failed getMe calls')
      expect(run.child.exitCode).toBeNull()
    }
    finally {
      run.child.kill('SIGTERM')
      expect(await run.exited).toBe(0)
    }
    expect(run.out() + run.err()).not.toContain('SECRETTOKEN')
  }, 30_000)

  it('exits 1 with a scrubbed report, given an error nobody caught, before and after the logger exists', async () => {
    const token = '123456:SECRETTOKEN-uncaught'
    const script = join(mkdtempSync(join(tmpdir(), 'khulasa-uncaught-')), 'throws.ts')
    writeFileSync(script, [
      `import { createLogger, scrubber } from ${JSON.stringify(join(root, 'src/logger.ts'))}`,
      `import { exitOnUncaught, secretsOf } from ${JSON.stringify(join(root, 'src/process-errors.ts'))}`,
      `const logger = process.env.EARLY ? undefined : createLogger({ level: 'info', secrets: secretsOf(process.env) })`,
      `exitOnUncaught(scrubber(secretsOf(process.env)), () => logger)`,
      `const failure = new Error('request to http://127.0.0.1:1/bot' + process.env.TELEGRAM_BOT_TOKEN + '/getUpdates failed')`,
      `if (process.env.EARLY) void Promise.reject(failure)`,
      `else setImmediate(() => { throw failure })`,
    ].join('\n'))
    for (const early of [false, true]) {
      const child = spawn(tsx, [script], { env: { PATH: process.env.PATH!, HOME: process.env.HOME!, TELEGRAM_BOT_TOKEN: token, ...(early ? { EARLY: '1' } : {}) }, stdio: ['ignore', 'pipe', 'pipe'] })
      let output = ''
      child.stdout.on('data', (d) => { output += d })
      child.stderr.on('data', (d) => { output += d })
      expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(1)
      expect(output).not.toContain('SECRETTOKEN')
      expect(output).toContain(early ? 'khulasa: unhandled rejection: Error: request to http://127.0.0.1:1/bot[redacted]/getUpdates failed' : '"msg":"uncaught exception: request to http://127.0.0.1:1/bot[redacted]/getUpdates failed"')
      expect(output.trim().split('\n')[0]).toMatch(early ? /^khulasa: / : /^\{"level":60,/)
    }
  }, 30_000)
})
