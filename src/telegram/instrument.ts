import { TelegramError, type Telegram } from 'telegraf'
import type { Metrics } from '../metrics.js'

type CallApi = Telegram['callApi']
/** Sends one call through the client's own callApi, e.g. paced. */
export type Send = (telegram: Telegram, call: CallApi, method: string, payload: unknown, options: unknown) => Promise<unknown>

/** The client's own callApi, whatever class it is (telegraf's, the terminal's): the one its prototype defines. */
function ownCallApi(telegram: Telegram): CallApi {
  return Object.getPrototypeOf(telegram).callApi as CallApi
}

/**
 * A callApi that counts every Bot API answer (replies and digests alike) at the one place they all pass,
 * sending through `send` (pacing) when given, over `transport` (src/telegram/bot-api-client.ts) when given, else the
 * client's own. It is one function for every client: telegraf makes a client per update, and wrapping each in fresh
 * closures showed in the webhook profile. Assigning it again is harmless.
 */
export function countedCallApi(metrics: Metrics, send?: Send, transport?: CallApi): CallApi {
  const answered = (method: string) => (result: unknown) => {
    metrics.apiAnswered(method)
    return result
  }
  const refused = (method: string) => (err: unknown) => {
    if (err instanceof TelegramError) metrics.apiAnswered(method, err.code)
    throw err
  }
  // Not async: one promise per call instead of two, on the path of every reply.
  return function counted(this: Telegram, method: string, payload: unknown, options?: unknown) {
    const call = transport ?? ownCallApi(this)
    const pending = send ? send(this, call, method, payload, options) : call.call(this, method as never, payload as never, options as never)
    return Promise.resolve(pending).then(answered(method), refused(method))
  } as CallApi
}

/** Counts every Bot API answer of this client (the bot's own, which digests use). */
export function instrumentTelegram(telegram: Telegram, metrics: Metrics, transport?: CallApi) {
  telegram.callApi = countedCallApi(metrics, undefined, transport)
}
