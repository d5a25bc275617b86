import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url))

function run(env: Record<string, string>) {
  // An empty working directory: no developer's .env is read.
  const child = spawn(tsx, [join(root, 'src/main.ts')], { cwd: mkdtempSync(join(tmpdir(), 'khulasa-startup-')), env: { PATH: process.env.PATH!, HOME: process.env.HOME!, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (d) => { output += d })
  child.stderr.on('data', (d) => { output += d })
  return new Promise<{ code: number | null, output: string }>((resolve) => child.on('exit', (code) => resolve({ code, output })))
}

describe('starting an instance on a shared Redis', () => {
  it('exits 1 within the connect timeout, naming the cause, given a Redis store where none listens', async () => {
    const { code, output } = await run({
      TELEGRAM_BOT_TOKEN: '123456:TEST-token',
      STORAGE_URL: 'redis://:hunter2-password@127.0.0.1:1',
      WEBHOOK_URL: 'https://bot.example.test/hook',
      WEBHOOK_SECRET: 'a-secret-of-enough-length',
    })
    expect(code).toBe(1)
    expect(output).toContain('cannot start: cannot open the store at redis://***@127.0.0.1:1')
    expect(output).not.toContain('hunter2-password')
  }, 20_000)
})
