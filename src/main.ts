import { existsSync, mkdirSync } from 'node:fs'
import { config as loadDotenv } from 'dotenv'
import { ConfigError, loadConfig, type Config } from './config.js'
import { createCore, type Core } from './core.js'
import { startDigestService, type DigestService } from './digest/delivery.js'
import { createLogger, type Logger } from './logger.js'
import { createBot, publishCommands } from './telegram/bot.js'
import { telegramDeliver } from './telegram/deliver.js'
import { TerminalTelegram, runTerminalChat, terminalContext } from './telegram/terminal-chat.js'

async function main() {
  loadDotenv({ quiet: true })
  let config: Config
  try {
    config = loadConfig()
  }
  catch (err) {
    if (!(err instanceof ConfigError)) throw err
    process.stderr.write(`khulasa: ${err.message}\n`)
    process.exit(1)
  }
  const terminal = !config.TELEGRAM_BOT_TOKEN
  const logger = createLogger({
    level: config.LOG_LEVEL,
    secrets: [config.TELEGRAM_BOT_TOKEN, config.OPENAI_API_KEY],
    destination: terminal ? 2 : 1,
    pretty: Boolean(process.stderr.isTTY),
  })
  const core = await createCore(config, logger).catch((err: Error) => {
    logger.fatal(`cannot start: ${err.message}`)
    process.exit(1)
  })
  logger.info(config.OPENAI_API_KEY ? `summaries: LLM ${config.OPENAI_MODEL} with the offline summary as fallback` : 'summaries: offline extractive summarizer (OPENAI_API_KEY is not set)')

  if (!existsSync(config.SEEDS_DIR)) mkdirSync(config.SEEDS_DIR, { recursive: true })
  await core.ingester.ingestDir(config.SEEDS_DIR)
  logger.info(`${core.articles.count()} article(s) in the store`)

  if (terminal) await runTerminal(core, config, logger)
  else await runPolling(core, config, logger)
}

async function runTerminal(core: Core, config: Config, logger: Logger) {
  const interactive = Boolean(process.stdin.isTTY)
  logger.info(`terminal chat started: TELEGRAM_BOT_TOKEN is not set${interactive ? '; type /help, or Ctrl+D to quit' : '; reading commands from standard input'}`)
  const telegram = new TerminalTelegram((text) => process.stdout.write(text), Boolean(process.stdout.isTTY))
  const bot = createBot(core, { token: 'terminal', apiRoot: config.TELEGRAM_API_ROOT, contextType: terminalContext(telegram) })
  const stopWatching = interactive ? core.ingester.watchDir(config.SEEDS_DIR) : () => {}
  // Digests print here like any other message, at the subscriber's local time (DIGEST_CLOCK_SPEED speeds the clock for demos).
  const digests = startDigestService(core, telegramDeliver(telegram))
  onSignals(logger, async () => {
    stopWatching()
    await digests.stop()
    await core.close()
    process.exit(0)
  })
  await runTerminalChat(bot, telegram, { languageCode: config.TERMINAL_LANGUAGE, interactive })
  if (!interactive && config.DIGEST_CLOCK_SPEED > 1) await waitForNextDigest(core, digests, logger)
  stopWatching()
  await digests.stop()
  await core.close()
}

/** Piped demo with a fast clock: stay until the terminal chat's next digest has been printed (at most a simulated day). */
async function waitForNextDigest(core: Core, digests: DigestService, logger: Logger) {
  const subscriber = await core.subscribers.get(1)
  if (!subscriber?.nextSendAt) return
  const due = Date.parse(subscriber.nextSendAt)
  if (due - core.clock.now().getTime() > 24 * 3600_000) return
  logger.info(`waiting for the digest due at ${subscriber.nextSendAt} (digest clock ×${core.clock.speed})`)
  while (core.clock.now().getTime() < due + 60_000 || digests.queue.depth() > 0) await new Promise((resolve) => setTimeout(resolve, 100))
}

/** The first SIGINT/SIGTERM stops cleanly; a second one exits at once (the sent journal still holds). */
function onSignals(logger: Logger, stop: (signal: string) => Promise<void> | void) {
  let stopping = false
  const handle = (signal: string) => {
    if (stopping) {
      logger.warn(`${signal} again: exiting now`)
      process.exit(1)
    }
    stopping = true
    logger.info(`${signal}: stopping (send it again to exit at once)`)
    Promise.resolve(stop(signal)).catch((err: Error) => {
      logger.error({ err }, `shutdown failed: ${err.message}`)
      process.exit(1)
    })
  }
  process.on('SIGINT', () => handle('SIGINT'))
  process.on('SIGTERM', () => handle('SIGTERM'))
}

async function runPolling(core: Core, config: Config, logger: Logger) {
  const bot = createBot(core, { token: config.TELEGRAM_BOT_TOKEN!, apiRoot: config.TELEGRAM_API_ROOT })
  const stopWatching = core.ingester.watchDir(config.SEEDS_DIR)
  const digests = startDigestService(core, telegramDeliver(bot.telegram, { allowPaidBroadcast: config.ALLOW_PAID_BROADCAST }))
  // Stop taking updates first; launch() then returns and the digests stop below.
  onSignals(logger, (signal) => {
    stopWatching()
    bot.stop(signal)
  })
  await publishCommands(bot).catch((err: Error) => logger.warn(`could not publish the command menu: ${err.message}`))
  logger.info(`long polling started: TELEGRAM_BOT_TOKEN is set; Bot API at ${config.TELEGRAM_API_ROOT}`)
  await bot.launch({ dropPendingUpdates: false })
  await digests.stop()
  await core.close()
}

await main()
