import { createManualClock, type Clock } from '../../src/clock.js'
import { loadConfig, type Config } from '../../src/config.js'
import { createCore, type Core } from '../../src/core.js'
import { createLogger, type Logger } from '../../src/logger.js'
import type { Article } from '../../src/articles/types.js'

export interface LogLine { level: number, msg: string, [key: string]: unknown }

/** A real pino logger whose lines the test can read back. */
export function captureLogger(secrets: string[] = []): { logger: Logger, lines: () => LogLine[], text: () => string } {
  const chunks: string[] = []
  const logger = createLogger({ level: 'debug', secrets, stream: { write: (chunk: string) => void chunks.push(chunk) } })
  return { logger, lines: () => chunks.map((c) => JSON.parse(c) as LogLine), text: () => chunks.join('') }
}

export function testConfig(env: Record<string, string> = {}): Config {
  // Retention is off unless a test turns it on: fixtures carry dates from any time of year.
  return loadConfig({ STORAGE_URL: 'memory://', LOG_LEVEL: 'silent', ARTICLE_RETENTION_DAYS: '0', ...env })
}

/** Tests run at a fixed instant, whatever the machine's date: move it with the clock's set/advance. */
export const TEST_NOW = '2026-11-29T09:00:00.000Z'

export function testClock(at: string = TEST_NOW) {
  return createManualClock(at)
}

export async function testCore(env: Record<string, string> = {}, logger?: Logger, clock: Clock = testClock()): Promise<Core> {
  const config = testConfig(env)
  return createCore(config, logger ?? createLogger({ level: 'silent' }), { clock })
}

let seq = 0
export function makeArticle(fields: Partial<Article> & { title: string }): Article {
  return {
    id: `a${String(++seq).padStart(11, '0')}`,
    paragraphs: [`${fields.title}: فقرة أولى من الخبر تكفي لتكون خلاصة قصيرة.`],
    kind: 'full',
    source: 'test.txt',
    outlets: ['test.txt'],
    related: [],
    firstSeenAt: '2026-11-29T08:00:00.000Z',
    seq,
    ...fields,
  }
}
