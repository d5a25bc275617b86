import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, AuthenticationError, OpenAI, RateLimitError,
} from 'openai'
import type { Article } from '../articles/types.js'
import type { Config } from '../config.js'
import type { Logger } from '../logger.js'

export interface LlmOptions {
  apiKey: string
  baseURL?: string
  model: string
  timeoutMs: number
  maxRetries: number
  /** Budget the prompt asks for, in characters. */
  maxChars: number
  logger: Logger
  promptsDir?: string
}

export interface LlmUsage { promptTokens: number, completionTokens: number }

export type LlmResult =
  | { ok: true, text: string, usage: LlmUsage, ms: number }
  | { ok: false, reason: string, ms: number }

/** The summary store's LLM: one article in, a short summary or a reason out. */
export interface LlmSummarizer {
  readonly model: string
  summarize(article: Pick<Article, 'title' | 'paragraphs'>, signal?: AbortSignal): Promise<LlmResult>
}

const DEFAULT_PROMPTS = fileURLToPath(new URL('../../prompts/', import.meta.url))
/** News puts the story first; beyond this the prompt only costs tokens (and a 1 MB page would not fit a context). */
const MAX_ARTICLE_CHARS = 8000
const OPEN = '<<<ARTICLE'
const CLOSE = 'ARTICLE>>>'

/** One chat completion per article through any OpenAI-compatible server; never throws, failures come back as reasons. */
export function createLlmSummarizer(options: LlmOptions): LlmSummarizer {
  const { apiKey, baseURL, model, timeoutMs, maxRetries, maxChars, logger, promptsDir = DEFAULT_PROMPTS } = options
  const system = readFileSync(join(promptsDir, 'summarize-system.txt'), 'utf8')
  const user = readFileSync(join(promptsDir, 'summarize-user.txt'), 'utf8')
  const client = new OpenAI({ apiKey, baseURL, timeout: timeoutMs, maxRetries })

  return {
    model,
    async summarize(article: Pick<Article, 'title' | 'paragraphs'>, signal?: AbortSignal): Promise<LlmResult> {
      const started = performance.now()
      const vars = { maxChars: String(maxChars), title: fence(article.title), article: fence(head(article.paragraphs)) }
      try {
        const reply = await client.chat.completions.create({
          model,
          temperature: 0,
          // Arabic runs at roughly 2-3 characters per token; the guard rejects anything over budget anyway.
          max_tokens: Math.ceil(maxChars / 1.5),
          messages: [{ role: 'system', content: render(system, vars) }, { role: 'user', content: render(user, vars) }],
        }, { signal })
        const ms = Math.round(performance.now() - started)
        const text = reply.choices[0]?.message?.content?.trim() ?? ''
        const usage = { promptTokens: reply.usage?.prompt_tokens ?? 0, completionTokens: reply.usage?.completion_tokens ?? 0 }
        logger.info({ model, ...usage, ms }, 'llm summary received')
        return { ok: true, text: unquote(text), usage, ms }
      }
      catch (err) {
        return { ok: false, reason: describeFailure(err), ms: Math.round(performance.now() - started) }
      }
    },
  }
}

function render(template: string, vars: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => vars[name] ?? whole)
}

/** Whole paragraphs up to MAX_ARTICLE_CHARS; a first paragraph longer than that is cut. */
function head(paragraphs: string[]): string {
  let text = ''
  for (const p of paragraphs) {
    if (text.length + p.length + 2 > MAX_ARTICLE_CHARS) break
    text += text ? `\n\n${p}` : p
  }
  return text || (paragraphs[0] ?? '').slice(0, MAX_ARTICLE_CHARS)
}

/** The article must not be able to close its own fence and speak as the prompt. */
function fence(text: string): string {
  return text.split(OPEN).join('<< <ARTICLE').split(CLOSE).join('ARTICLE> >>')
}

/** Models like to wrap the answer in «» or quotes although the prompt asks them not to. */
function unquote(text: string): string {
  const m = /^(["«“])([\s\S]*)(["»”])$/.exec(text)
  return m && !/["«“»”]/.test(m[2]!) ? m[2]!.trim() : text
}

function describeFailure(err: unknown): string {
  if (err instanceof APIUserAbortError) return 'aborted at shutdown'
  if (err instanceof APIConnectionTimeoutError) return 'timeout'
  if (err instanceof APIConnectionError) return `connection failed: ${err.cause instanceof Error ? err.cause.message : err.message}`
  if (err instanceof RateLimitError) return 'rate limited (429)'
  if (err instanceof AuthenticationError) return 'rejected API key (401)'
  if (err instanceof APIError) return `server error (${err.status ?? 'no status'})`
  return `unexpected: ${err instanceof Error ? err.message : String(err)}`
}

type LlmConfig = Pick<Config, 'OPENAI_API_KEY' | 'OPENAI_BASE_URL' | 'OPENAI_MODEL' | 'OPENAI_TIMEOUT_MS' | 'OPENAI_MAX_RETRIES' | 'SUMMARY_SHORT_CHARS'>

/** The LLM summarizer the settings ask for; undefined without OPENAI_API_KEY (the offline summarizer alone). */
export function llmFromConfig(config: LlmConfig, logger: Logger): LlmSummarizer | undefined {
  if (!config.OPENAI_API_KEY) return undefined
  return createLlmSummarizer({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    model: config.OPENAI_MODEL,
    timeoutMs: config.OPENAI_TIMEOUT_MS,
    maxRetries: config.OPENAI_MAX_RETRIES,
    maxChars: config.SUMMARY_SHORT_CHARS,
    logger,
  })
}
