import { afterEach, describe, expect, it, vi } from 'vitest'
import { countSummaryLookups, createMetrics } from '../src/metrics.js'

function value(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `))
  return line === undefined ? Number.NaN : Number(line.split(' ').pop())
}

afterEach(() => {
  vi.useRealTimers()
})

describe('createMetrics', () => {
  it('counts sends, 429s and 403s apart, given Bot API answers of each kind', async () => {
    const metrics = createMetrics()
    metrics.apiAnswered('sendMessage')
    metrics.apiAnswered('sendMessage')
    metrics.apiAnswered('getMe')
    metrics.apiAnswered('sendMessage', 429)
    metrics.apiAnswered('sendMessage', 403)
    metrics.apiAnswered('sendMessage', 400)
    const text = await metrics.text()
    expect(value(text, 'khulasa_messages_sent_total{method="sendMessage"}')).toBe(2)
    expect(text).not.toContain('method="getMe"')
    expect(value(text, 'khulasa_telegram_refusals_total{code="429"}')).toBe(1)
    expect(value(text, 'khulasa_telegram_refusals_total{code="403"}')).toBe(1)
  })

  it('adds up every queue and mirrors the stored token totals, given two depth sources and an LLM usage record', async () => {
    const metrics = createMetrics()
    metrics.watchQueueDepth(() => 3)
    metrics.watchQueueDepth(async () => 4)
    const usage = { promptTokens: 120, completionTokens: 30 }
    metrics.watchLlmTokens(() => usage)
    let text = await metrics.text()
    expect(value(text, 'khulasa_queue_depth')).toBe(7)
    expect(value(text, 'khulasa_llm_tokens_total{kind="prompt"}')).toBe(120)
    usage.promptTokens = 200
    text = await metrics.text()
    expect(value(text, 'khulasa_llm_tokens_total{kind="prompt"}')).toBe(200)
    expect(value(text, 'khulasa_llm_tokens_total{kind="completion"}')).toBe(30)
  })

  it('counts a summary found as a hit and one made as a miss, given ensure and getMany on a wrapped store', async () => {
    const metrics = createMetrics()
    const known = new Set(['a', 'b'])
    const summaries = countSummaryLookups({
      ensure: async (ids: string[]) => ids.filter((id) => !known.has(id)).length,
      getMany: async (ids: string[]) => ids.map((id) => (known.has(id) ? { short: id } : undefined)),
    }, metrics)
    expect(await summaries.ensure(['a', 'b', 'c'])).toBe(1)
    expect(await summaries.getMany(['a', 'z'])).toEqual([{ short: 'a' }, undefined])
    const text = await metrics.text()
    expect(value(text, 'khulasa_summary_cache_total{result="hit"}')).toBe(3)
    expect(value(text, 'khulasa_summary_cache_total{result="miss"}')).toBe(2)
  })

  it('answers with the last known depth, given a queue whose Redis stopped answering', async () => {
    const metrics = createMetrics()
    let down = false
    metrics.watchQueueDepth(() => (down ? new Promise<number>(() => {}) : 5))
    expect(value(await metrics.text(), 'khulasa_queue_depth')).toBe(5)
    down = true
    vi.useFakeTimers()
    const pending = metrics.text()
    await vi.advanceTimersByTimeAsync(1000)
    const text = await pending
    expect(value(text, 'khulasa_queue_depth')).toBe(5)
    expect(value(text, 'khulasa_telegram_refusals_total{code="429"}')).toBe(0)
  })
})
