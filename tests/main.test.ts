import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { startFakeBotApi } from './helpers/fake-bot-api.js'
import { messageUpdate } from './helpers/updates.js'

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
      expect(run.out()).toContain('long polling started: TELEGRAM_BOT_TOKEN is set')
      expect(run.out()).not.toContain(api.token)
    }
    finally {
      run.child.kill('SIGTERM')
      expect(await run.exited).toBe(0)
      await api.close()
    }
  }, 30_000)
})
