import { TelegramError, type Telegram } from 'telegraf'
import type { Metrics } from '../metrics.js'

/** Counts every Bot API answer (replies and digests alike) at the one place they all pass. */
export function instrumentTelegram(telegram: Telegram, metrics: Metrics) {
  const callApi = telegram.callApi.bind(telegram)
  telegram.callApi = (async (method: Parameters<typeof callApi>[0], payload: never, options?: never) => {
    try {
      const result = await callApi(method, payload, options)
      metrics.apiAnswered(method)
      return result
    }
    catch (err) {
      if (err instanceof TelegramError) metrics.apiAnswered(method, err.code)
      throw err
    }
  }) as typeof telegram.callApi
}
