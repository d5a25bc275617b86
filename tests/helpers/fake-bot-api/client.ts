import { expect } from 'vitest'
import type { FakeBotApi } from '../fake-bot-api.js'

export interface ApiReply {
  ok: boolean
  result?: unknown
  error_code?: number
  description?: string
  parameters?: { retry_after?: number }
}

/** Raw Bot API requests for the fake's own tests; every error must carry its code as the HTTP status too. */
export function apiClient(api: () => FakeBotApi) {
  async function call(method: string, payload: Record<string, unknown> = {}, token = api().token): Promise<ApiReply> {
    const res = await fetch(`${api().apiRoot}/bot${token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    })
    const body = (await res.json()) as ApiReply
    if (!body.ok) expect(res.status).toBe(body.error_code)
    return body
  }
  const send = (text: string, extra: Record<string, unknown> = {}): Promise<ApiReply> =>
    call('sendMessage', { chat_id: 1001, text, ...extra })
  const sendHtml = (text: string): Promise<ApiReply> => send(text, { parse_mode: 'HTML' })
  return { call, send, sendHtml }
}

export const keyboard = (button: Record<string, unknown>): Record<string, unknown> => ({
  reply_markup: { inline_keyboard: [[{ text: 'زر', ...button }]] },
})
