import { validate as isCronExpression } from 'node-cron'
import { z } from 'zod'
import { isValidTimeZone, parseClock } from './digest/schedule.js'
import { feedsEnvProblem } from './feeds/feed-list.js'
import { withoutCredentials } from './net/credentials.js'

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes')

const clock = z.string().refine((v) => parseClock(v) !== undefined, { message: 'expected a time as HH:MM (00:00–23:59)' }).transform((v) => parseClock(v)!)

const timeZone = z.string().refine(isValidTimeZone, { message: 'expected an IANA time zone such as Asia/Riyadh' })

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()))

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max)

/** Every setting the bot reads from the environment; README and .env.example list the same names. */
export const configSchema = z.object({
  TELEGRAM_BOT_TOKEN: optionalText,
  TELEGRAM_API_ROOT: z.url({ message: 'expected a URL such as https://api.telegram.org' }).default('https://api.telegram.org'),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: z.union([z.literal(''), z.url({ message: 'expected a URL such as http://127.0.0.1:8000/v1' })]).optional().transform((v) => v || undefined),
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  OPENAI_TIMEOUT_MS: int(100, 600_000).default(20_000),
  OPENAI_MAX_RETRIES: int(0, 10).default(1),
  OPENAI_CONCURRENCY: int(1, 64).default(2),
  OPENAI_QUEUE_MAX: int(0, 1_000_000).default(500),
  STORAGE_URL: z
    .string()
    .regex(/^(sqlite|redis|rediss|memory):\/\//, { message: 'expected sqlite://<file>, redis://<host>:<port> or memory://' })
    .default('sqlite://data/khulasa.sqlite'),
  REDIS_URL: optionalText,
  /** Prefix of the shared queue's and the scheduler lock's Redis keys: instances of one bot share it. */
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'expected letters, digits, - or _ (no colon)' }).default('khulasa'),
  /** Public HTTPS address Telegram posts updates to; set it to run in webhook mode instead of long polling. */
  WEBHOOK_URL: z.union([z.literal(''), z.url({ protocol: /^https$/, message: 'expected an https:// URL such as https://bot.example.com/telegram' })]).optional().transform((v) => v || undefined),
  WEBHOOK_SECRET: z.union([z.literal(''), z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, { message: 'expected 16–256 characters of A-Z, a-z, 0-9, _ or -' })]).optional().transform((v) => v || undefined),
  /** Port of the webhook, /healthz and /metrics server; 0 picks a free one (logged). */
  PORT: int(0, 65_535).default(8080),
  /** When set, /metrics answers only requests with `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.union([z.literal(''), z.string().regex(/^[\x21-\x7e]{16,256}$/, { message: 'expected 16–256 printable characters without spaces' })]).optional().transform((v) => v || undefined),
  SEEDS_DIR: z.string().min(1).default('seeds'),
  SEED_MAX_MB: int(1, 1024).default(64),
  /** Longest line of a seed page or JSONL record, in KB: a page with a longer line is refused, a JSONL line skipped, never held whole. */
  SEED_MAX_LINE_KB: int(1, 1024 * 1024).default(1024),
  /** Stories older than this many days leave memory, search, related lists and digests, then the store; 0 keeps all. */
  ARTICLE_RETENTION_DAYS: int(0, 36500).default(30),
  /** Feeds polled besides FEEDS_FILE: comma-separated `url` or `url|name|language|section` entries. */
  FEEDS: z.string().default('').superRefine((v, ctx) => { const problem = feedsEnvProblem(v); if (problem) ctx.addIssue({ code: 'custom', message: problem }) }),
  FEEDS_FILE: z.string().min(1, { message: 'expected a file name such as feeds.json' }).default('feeds.json'),
  FEED_INTERVAL: z.string().trim().refine(isCronExpression, { message: 'expected a cron expression such as */15 * * * * (every 15 minutes)' }).default('*/15 * * * *'),
  FEED_TIMEOUT_MS: int(100, 300_000).default(15_000),
  /** Largest feed or article page read, in KB; a bigger response is cut off and counts as a failure. */
  FEED_MAX_KB: int(16, 1024 * 1024).default(5120),
  /** A failing feed waits 5, 10, 20 … minutes before its next attempt, never longer than this. */
  FEED_BACKOFF_MAX_MINUTES: int(1, 7 * 24 * 60).default(360),
  /** Fetch each new item's page and extract the article text; otherwise the feed's description is the text. */
  FEED_FULL_TEXT: bool.default(false),
  /** Fetch feeds and pages on loopback, private and link-local addresses too: for local testing only. */
  FEEDS_ALLOW_PRIVATE: bool.default(false),
  SUMMARY_SHORT_CHARS: int(80, 1000).default(280),
  SUMMARY_LONG_CHARS: int(200, 3000).default(600),
  DIGEST_TIME: clock.default('08:00'),
  DEFAULT_TZ: timeZone.default('Asia/Riyadh'),
  DIGEST_SIZE: int(1, 30).default(8),
  SEND_RATE: int(1, 1000).default(30),
  /**
   * Replies (answers to users, not digests) a second from one process, all chats together; unset, none. Telegram's 30 a
   * second is for bulk notices (digests keep to it through SEND_RATE); a reply answers a user, and what Telegram holds
   * there is one message a second per chat, which the bot keeps, with a 429's retry_after pausing every send.
   */
  REPLIES_PER_SECOND: z.union([z.literal(''), int(1, 100_000)]).optional().transform((v) => (v === '' ? undefined : v)),
  ALLOW_PAID_BROADCAST: bool.default(false),
  /** Network errors and 5xx: retries per message before it is given up (its stories wait for the next digest). */
  SEND_MAX_RETRIES: int(0, 20).default(5),
  /** First backoff after a network error or 5xx; doubles per retry, capped at a minute. */
  SEND_RETRY_BASE_MS: int(10, 60_000).default(1000),
  /** Demo only: the digest clock runs this many times faster (60 = a minute a second). */
  DIGEST_CLOCK_SPEED: int(1, 3600).default(1),
  ADMIN_IDS: z
    .string()
    .regex(/^\s*(\d+\s*(,\s*\d+\s*)*)?$/, { message: 'expected a comma-separated list of numeric Telegram user ids' })
    .default('')
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean).map(Number)),
  TERMINAL_LANGUAGE: z.enum(['ar', 'en'], { message: 'expected ar or en' }).default('ar'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
}).refine((c) => !c.WEBHOOK_URL || c.WEBHOOK_SECRET, { path: ['WEBHOOK_SECRET'], message: 'required when WEBHOOK_URL is set (Telegram echoes it so forged posts can be refused)' })

export type Config = z.infer<typeof configSchema>

export class ConfigError extends Error {}

/** Settings whose value is a secret as a whole; an error about one names it without showing it. */
const SECRET = /TOKEN|SECRET|KEY|PASSWORD/

/** The value as an error may show it: a secret as its length, a URL without its user name and password. */
function shown(name: string, value: string): string {
  return SECRET.test(name) ? `<${value.length} characters hidden>` : JSON.stringify(withoutCredentials(value))
}

/** Parses the environment; throws a ConfigError whose message is one line naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = configSchema.safeParse(env)
  if (result.success) return result.data
  const issue = result.error.issues[0]!
  const name = String(issue.path[0] ?? 'environment')
  throw new ConfigError(`Invalid ${name}=${shown(name, env[name] ?? '')}: ${issue.message}`)
}
