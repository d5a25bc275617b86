import { setTimeout as sleep } from 'node:timers/promises'
import { TelegramError, type Context, type Telegraf } from 'telegraf'
import type { Update } from 'telegraf/types'
import type { Logger } from '../logger.js'

/** Telegram holds a getUpdates call open this long when there is nothing new. */
const LONG_POLL_SECONDS = 50

/** Updates being handled at once; past it, the next getUpdates waits for some to finish. */
const MAX_IN_FLIGHT = 200

export interface PollingOptions {
  /** Handles one update (default bot.handleUpdate). It is not awaited before the next one starts. */
  handle?: (update: Update) => Promise<unknown>
  logger: Logger
  /** The wait after a failed call, doubled on each failure in a row; Telegram's retry_after wins when given. */
  backoff?: { firstMs: number, maxMs: number }
}

export interface Polling {
  /** Resolves when polling has stopped: after stop(), or rejects on a token Telegram refuses. */
  done: Promise<void>
  stop(): void
}

/** The token is wrong: retrying cannot help, the operator must fix it. */
export class TokenRefusedError extends Error {}

/**
 * Long polling that outlives the Bot API's bad moments. telegraf's own loop ends in an uncaught
 * exception on an unreachable API at start-up, a 409 (another instance polling, or a webhook set)
 * or a 401; here every failed call is retried with backoff and logged in one line, and only a
 * refused token stops it. On stop, the updates in hand are finished and the offset of the last
 * one is confirmed, so a restart does not handle it again.
 *
 * Updates are handed over as they come, without waiting for the ones before: one chat's slow
 * /addfeed does not hold up another chat's /help. Order within a chat, and the flood budget, are
 * the bot's middleware (flood-control.ts), which sees every update the moment it is handed over.
 */
export function startPolling<C extends Context>(bot: Telegraf<C>, { handle, logger, backoff = { firstMs: 1000, maxMs: 60_000 } }: PollingOptions): Polling {
  const controller = new AbortController()
  const { signal } = controller
  const dispatch = handle ?? ((update: Update) => bot.handleUpdate(update))
  let failures = 0
  const inFlight = new Set<Promise<void>>()

  async function handleOne(update: Update) {
    try {
      await dispatch(update)
    }
    catch (err) {
      logger.error({ err }, `update ${update.update_id} failed: ${(err as Error).message}`)
    }
  }

  /** Starts handling now, in the order given, without waiting for it. */
  function start(update: Update) {
    const handled: Promise<void> = handleOne(update).then(() => void inFlight.delete(handled))
    inFlight.add(handled)
  }

  /** Runs `call` until it succeeds; undefined once stopped. */
  async function retrying<T>(what: string, call: () => Promise<T>): Promise<T | undefined> {
    while (!signal.aborted) {
      try {
        const result = await call()
        if (failures > 0) logger.info(`Bot API answers again (${what}) after ${failures} failed call(s)`)
        failures = 0
        return result
      }
      catch (err) {
        if (signal.aborted) return undefined
        if (err instanceof TelegramError && err.code === 401) throw new TokenRefusedError(`Telegram refused TELEGRAM_BOT_TOKEN (401 ${err.description}) at ${what}`)
        const wait = retryAfterMs(err) ?? Math.min(backoff.firstMs * 2 ** failures, backoff.maxMs)
        failures++
        logger.warn(`${what} failed: ${describe(err)}; retrying in ${formatWait(wait)}`)
        await sleep(wait, undefined, { signal }).catch(() => {})
      }
    }
    return undefined
  }

  async function run() {
    const me = await retrying('getMe', () => bot.telegram.getMe())
    if (!me) return
    bot.botInfo = me
    // A webhook left set makes every getUpdates a 409; pending updates are kept.
    if (await retrying('deleteWebhook', () => bot.telegram.deleteWebhook({ drop_pending_updates: false })) === undefined) return
    let offset = 0
    while (!signal.aborted) {
      // telegraf types the signal as its abort-controller polyfill's; Node's own is what it passes to fetch.
      const abort = { signal } as unknown as Parameters<typeof bot.telegram.callApi>[2]
      const updates = await retrying('getUpdates', () => bot.telegram.callApi('getUpdates', { timeout: LONG_POLL_SECONDS, offset }, abort))
      if (!updates) break
      if (updates.length === 0) continue
      offset = updates[updates.length - 1]!.update_id + 1
      for (const update of updates) start(update)
      while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight)
    }
    await Promise.all(inFlight)
    // Confirms the last batch, as telegraf does; a failure only means it is delivered again.
    if (offset > 0) await bot.telegram.callApi('getUpdates', { offset, limit: 1, timeout: 0 }).catch(() => {})
  }

  return {
    done: run(),
    stop: () => controller.abort(),
  }
}

function retryAfterMs(err: unknown): number | undefined {
  const seconds = err instanceof TelegramError ? err.parameters?.retry_after : undefined
  return typeof seconds === 'number' ? seconds * 1000 : undefined
}

/** The failure in a few words: Telegram's answer, or the network error without the request URL (it holds the token). */
function describe(err: unknown): string {
  if (err instanceof TelegramError) {
    const hint = err.code === 409 ? ' (another instance is polling with this token, or a webhook is set)' : ''
    return `${err.code} ${err.description}${hint}`
  }
  const e = err as { code?: string, message?: string, cause?: { code?: string } }
  const code = e.code ?? e.cause?.code
  return code ? `${code} (Bot API unreachable)` : String(e.message ?? err).replace(/\/bot[^/\s]+\//g, '/bot[redacted]/')
}

function formatWait(ms: number) {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`
}
