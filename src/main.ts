import { existsSync, mkdirSync } from 'node:fs'
import { config as loadDotenv } from 'dotenv'
import { createClock } from './clock.js'
import { ConfigError, loadConfig, type Config } from './config.js'
import { createCore, type Core } from './core.js'
import { startDigestService, type DigestService } from './digest/delivery.js'
import { createLogger, quietRepeats, scrubber, type Logger } from './logger.js'
import { exitOnUncaught, secretsOf } from './process-errors.js'
import { connectScaleOut, type ScaleOut } from './scale-out.js'
import { registerHandlers } from '../handlers/index.js'
import { createBot, publishCommands } from './telegram/bot.js'
import { telegramDeliver } from './telegram/deliver.js'
import { startPolling, TokenRefusedError } from './telegram/polling.js'
import { TerminalTelegram, runTerminalChat, terminalContext } from './telegram/terminal-chat.js'
import { createUpdateGate } from './telegram/update-gate.js'
import { startWebhookServer } from './telegram/webhook.js'

/** For the last line of an error nobody caught; undefined until the configuration is read. */
let activeLogger: Logger | undefined

async function main() {
  loadDotenv({ quiet: true })
  let config: Config
  try {
    config = loadConfig()
  }
  catch (err) {
    if (!(err instanceof ConfigError)) throw err
    process.stderr.write(scrubber(secretsOf(process.env))(`khulasa: ${err.message}\n`))
    process.exit(1)
  }
  const terminal = !config.TELEGRAM_BOT_TOKEN
  const logger = activeLogger = createLogger({
    level: config.LOG_LEVEL,
    // As read and as parsed (the schema may trim a value): either form may end up in a URL or a message.
    secrets: [...secretsOf(process.env), ...secretsOf(config)],
    destination: terminal ? 2 : 1,
    pretty: Boolean(process.stderr.isTTY),
  })
  // The one clock: created here, passed to everything that reads the time (DIGEST_CLOCK_SPEED speeds it for demos).
  const clock = createClock(config.DIGEST_CLOCK_SPEED)
  const core = await createCore(config, logger, { clock }).catch((err: Error) => {
    logger.fatal(`cannot start: ${err.message}`)
    process.exit(1)
  })
  logger.info(config.OPENAI_API_KEY ? `summaries: LLM ${config.OPENAI_MODEL} with the offline summary as fallback` : 'summaries: offline extractive summarizer (OPENAI_API_KEY is not set)')

  if (!existsSync(config.SEEDS_DIR)) mkdirSync(config.SEEDS_DIR, { recursive: true })
  await core.ingester.ingestDir(config.SEEDS_DIR)
  logger.info(`${core.articles.count()} article(s) in the store`)

  if (terminal) return runTerminal(core, config, logger)
  const shared = await connectScaleOut(config, logger, core).catch((err: Error) => {
    logger.fatal(`cannot start: ${err.message}`)
    process.exit(1)
  })
  if (config.WEBHOOK_URL) await runWebhook(core, config, logger, shared)
  else await runPolling(core, config, logger, shared)
  await shared?.close()
}

async function runTerminal(core: Core, config: Config, logger: Logger) {
  const interactive = Boolean(process.stdin.isTTY)
  logger.info(`terminal chat started: TELEGRAM_BOT_TOKEN is not set${interactive ? '; type /help, or Ctrl+D to quit' : '; reading commands from standard input'}`)
  const telegram = new TerminalTelegram((text) => process.stdout.write(text), Boolean(process.stdout.isTTY), () => core.clock.now())
  // One local user and nothing to pace: the terminal prints at once.
  const bot = createBot(core, { token: 'terminal', apiRoot: config.TELEGRAM_API_ROOT, contextType: terminalContext(telegram), flood: false, pacing: false })
  registerHandlers(bot, core)
  const stopWatching = interactive ? core.ingester.watchDir(config.SEEDS_DIR) : () => {}
  // A piped session answers once and exits: poll the feeds once first instead of on a schedule.
  if (interactive) core.feeds.start()
  else await core.feeds.pollDue()
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

/** What polling and webhook mode share: the bot, the seeds watcher, digests and feeds on the shared coordinator. */
function startTelegramServices(core: Core, config: Config, shared: ScaleOut | undefined) {
  const pacing = { perSecond: config.REPLIES_PER_SECOND, perChatIntervalMs: 1000 }
  const bot = createBot(core, { token: config.TELEGRAM_BOT_TOKEN!, apiRoot: config.TELEGRAM_API_ROOT, pacing })
  registerHandlers(bot, core)
  const stopWatching = core.ingester.watchDir(config.SEEDS_DIR)
  const digests = startDigestService(core, telegramDeliver(bot.telegram, { allowPaidBroadcast: config.ALLOW_PAID_BROADCAST }), shared?.delivery)
  core.feeds.start({ coordinator: shared?.delivery.coordinator })
  return { bot, stopWatching, digests }
}

async function runPolling(core: Core, config: Config, logger: Logger, shared: ScaleOut | undefined) {
  const { bot, stopWatching, digests } = startTelegramServices(core, config, shared)
  const polling = startPolling(bot, { logger })
  // Stop taking updates first; polling then ends and the digests stop below.
  onSignals(logger, () => polling.stop())
  logger.info(`long polling started: TELEGRAM_BOT_TOKEN is set and WEBHOOK_URL is not; Bot API at ${config.TELEGRAM_API_ROOT}; ${queueMode(shared)}`)
  void publishCommands(bot).catch((err: Error) => logger.warn(`could not publish the command menu: ${err.message}`))
  const refused = await polling.done.then(() => undefined, (err: Error) => err)
  if (refused && !(refused instanceof TokenRefusedError)) throw refused
  if (refused) logger.fatal(`${refused.message}: check the token with @BotFather`)
  stopWatching()
  await digests.stop()
  await core.close()
  if (refused) process.exit(1)
}

/** Several instances behind a load balancer: Telegram posts each update to WEBHOOK_URL. */
async function runWebhook(core: Core, config: Config, logger: Logger, shared: ScaleOut | undefined) {
  const { bot, stopWatching, digests } = startTelegramServices(core, config, shared)
  core.metrics.collectProcessMetrics()
  core.metrics.watchQueueDepth(shared ? shared.depth : () => digests.queue.depth())
  const webhook = new URL(config.WEBHOOK_URL!)
  const server = await startWebhookServer({
    path: webhook.pathname,
    secret: config.WEBHOOK_SECRET!,
    port: config.PORT,
    handleUpdate: (update) => bot.handleUpdate(update),
    gate: shared?.gate ?? createUpdateGate({ prefix: config.REDIS_PREFIX }),
    health: {
      store: () => core.store.ns('meta').get('health-probe'),
      queue: shared ? shared.ping : async () => {},
    },
    metrics: core.metrics,
    metricsToken: config.METRICS_TOKEN,
    // Forged posts and a down Redis repeat: one line a minute each.
    logger: quietRepeats(logger, { now: () => core.clock.now().getTime() }),
  })
  const stopped = new Promise<void>((resolve) => onSignals(logger, async () => {
    stopWatching()
    await server.close()
    resolve()
  }))
  await publishCommands(bot).catch((err: Error) => logger.warn(`could not publish the command menu: ${err.message}`))
  // Every instance sets the same webhook: idempotent, and any one of them may be the first up.
  await bot.telegram.setWebhook(config.WEBHOOK_URL!, { secret_token: config.WEBHOOK_SECRET, drop_pending_updates: false })
    .catch((err: Error) => logger.warn(`could not register the webhook with Telegram: ${err.message}`))
  logger.info(`webhook mode started: WEBHOOK_URL is set; listening on port ${server.port} for ${webhook.pathname}, /healthz and /metrics; ${queueMode(shared)}`)
  await stopped
  await digests.stop()
  await core.close()
}

function queueMode(shared: ScaleOut | undefined) {
  return shared ? 'digests on the shared Redis queue, one instance ticks each minute (STORAGE_URL is redis://)' : 'digests on the in-process queue (STORAGE_URL is not redis://)'
}

// Installed first: an error before the logger exists is scrubbed too (the .env is read later, hence at use).
const fatal = exitOnUncaught((text) => scrubber(secretsOf(process.env))(text), () => activeLogger)
await main().catch(fatal)
