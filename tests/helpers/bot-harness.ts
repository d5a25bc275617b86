import type { Telegraf } from 'telegraf'
import { registerHandlers } from '../../handlers/index.js'
import type { Core } from '../../src/core.js'
import type { Logger } from '../../src/logger.js'
import { createBot, type BotOptions } from '../../src/telegram/bot.js'
import type { BotContext } from '../../src/telegram/context.js'
import type { ManualClock } from '../../src/clock.js'
import { testClock, testCore } from './core.js'
import { startFakeBotApi, type FakeBotApi, type FakeBotApiOptions } from './fake-bot-api.js'
import { seedText } from './seed.js'
import { writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface Harness {
  api: FakeBotApi
  core: Core
  /** The core's clock: stands still until a test moves it. */
  clock: ManualClock
  bot: Telegraf<BotContext>
  close: () => Promise<void>
}

export interface HarnessOptions {
  seed?: boolean
  logger?: Logger
  /** E.g. rate limits the fake enforces. */
  api?: FakeBotApiOptions
  /**
   * Flood control and reply pacing, as in production when a test asks. By default both are off:
   * most tests send many commands from one chat while the clock stands still, and the fake
   * enforces no limits unless told to (429s are still waited out).
   */
  limits?: Pick<BotOptions, 'flood' | 'pacing'>
}

/** A bot on a memory store with the seed page ingested, talking real HTTP to the strict fake Bot API. */
export async function startHarness(env: Record<string, string> = {}, options: HarnessOptions = {}): Promise<Harness> {
  const api = await startFakeBotApi(options.api)
  const clock = testClock()
  const core = await testCore(env, options.logger, clock)
  if (options.seed !== false) {
    const file = join(mkdtempSync(join(tmpdir(), 'khulasa-harness-')), 'seed.txt')
    writeFileSync(file, seedText())
    await core.ingester.ingestFile(file)
  }
  const bot = createBot(core, { token: api.token, apiRoot: api.apiRoot, flood: false, pacing: { perSecond: 30, perChatIntervalMs: 0 }, ...options.limits })
  registerHandlers(bot, core)
  return {
    api,
    core,
    clock,
    bot,
    close: async () => {
      await core.close()
      await api.close()
    },
  }
}
