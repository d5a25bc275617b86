import { existsSync, mkdirSync } from 'node:fs'
import { config as loadDotenv } from 'dotenv'
import { ConfigError, loadConfig, type Config } from './config.js'
import { createCore, type Core } from './core.js'
import { createLogger, type Logger } from './logger.js'
import { createBot, publishCommands } from './telegram/bot.js'
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
  await runTerminalChat(bot, telegram, { languageCode: config.TERMINAL_LANGUAGE, interactive })
  stopWatching()
  await core.close()
}

async function runPolling(core: Core, config: Config, logger: Logger) {
  const bot = createBot(core, { token: config.TELEGRAM_BOT_TOKEN!, apiRoot: config.TELEGRAM_API_ROOT })
  const stopWatching = core.ingester.watchDir(config.SEEDS_DIR)
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) process.exit(1)
    stopping = true
    logger.info(`${signal}: stopping`)
    stopWatching()
    bot.stop(signal)
  }
  process.once('SIGINT', () => stop('SIGINT'))
  process.once('SIGTERM', () => stop('SIGTERM'))
  await publishCommands(bot).catch((err: Error) => logger.warn(`could not publish the command menu: ${err.message}`))
  logger.info(`long polling started: TELEGRAM_BOT_TOKEN is set; Bot API at ${config.TELEGRAM_API_ROOT}`)
  await bot.launch({ dropPendingUpdates: false })
  await core.close()
}

await main()
