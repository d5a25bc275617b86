import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))
const fixture = (name: string) => readFileSync(new URL(`./fixtures/lint/${name}`, import.meta.url), 'utf8')

/** Lints `code` with the project's own config as though it were the file at `path`. */
async function lint(code: string, path: string) {
  const [result] = await new ESLint({ cwd: root }).lintText(code, { filePath: `${root}${path}` })
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`)
}

describe('lint rules', () => {
  it('refuses Date.now() and new Date() in src/, given a file that reads the wall clock', async () => {
    expect(await lint(fixture('reads-wall-clock.ts'), 'src/digest/stamp.ts')).toEqual([
      'no-restricted-syntax: Read the time from the injected Clock (src/clock.ts), not Date.now().',
      'no-restricted-syntax: Read the time from the injected Clock (src/clock.ts), not new Date().',
    ])
  })

  it('refuses Telegram and i18n imports in the content core, given a digest file that imports them', async () => {
    const messages = await lint(fixture('core-imports-telegram.ts'), 'src/digest/title.ts')
    expect(messages).toHaveLength(2)
    for (const message of messages) expect(message).toMatch(/^no-restricted-imports: .*must not import Telegram, i18n or handler code/)
    expect(await lint(fixture('core-imports-telegram.ts'), 'src/telegram/title.ts')).toEqual([])
  })

  it('refuses handlers/ imports anywhere in src/ but the composition root, given a telegram file that imports them', async () => {
    const messages = await lint(fixture('edge-imports-handlers.ts'), 'src/telegram/wiring.ts')
    expect(messages).toHaveLength(2)
    for (const message of messages) expect(message).toMatch(/^no-restricted-imports: .*Only src\/main\.ts \(the composition root\) imports handlers\//)
    expect(await lint(fixture('edge-imports-handlers.ts').replaceAll('../../handlers/', '../handlers/'), 'src/main.ts')).toEqual([])
  })

  it('refuses an import cycle, given two files that import each other', async () => {
    const results = await new ESLint({ cwd: root, ignore: false }).lintFiles(['tests/fixtures/lint/cycle-a.ts'])
    expect(results[0]!.messages.map((m) => m.ruleId)).toEqual(['import-x/no-cycle'])
  })

  it('allows the wall clock in the clock module and in tests, given the same code', async () => {
    expect(await lint(fixture('reads-wall-clock.ts'), 'src/clock.ts')).toEqual([])
    expect(await lint(fixture('reads-wall-clock.ts'), 'tests/digest/stamp.test.ts')).toEqual([])
  })
})
