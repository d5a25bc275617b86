import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino'
import { PinoPretty } from 'pino-pretty'

export type { Logger }

export interface LoggerOptions {
  level: string
  /** Values that must never reach a log line, such as the bot token and API keys. */
  secrets?: (string | undefined)[]
  /** Where lines go; the terminal chat keeps stdout for the conversation. */
  destination?: 1 | 2
  /** Human-readable lines for a person at a terminal; JSON otherwise. */
  pretty?: boolean
  /** Overrides destination, e.g. to read lines back in tests. */
  stream?: DestinationStream
}

/**
 * Replaces every secret in a text, as written and as it appears inside a URL (a token's `:` is
 * percent-encoded there). Short values are left alone: they would blank out ordinary words.
 */
export function scrubber(secrets: (string | undefined)[]): (text: string) => string {
  const hidden = [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= 6).flatMap((s) => [s, encodeURIComponent(s)]))]
    .sort((a, b) => b.length - a.length)
  // Nearly every line holds none: a search per secret, and a new string only where one is found.
  return (text) => hidden.reduce((out, secret) => (out.includes(secret) ? out.split(secret).join('[redacted]') : out), text)
}

export function createLogger({ level, secrets = [], destination = 1, pretty = false, stream }: LoggerOptions): Logger {
  const scrub = scrubber(secrets)
  const out = stream ?? (pretty
    ? PinoPretty({ destination, sync: true, ignore: 'pid,hostname', translateTime: 'HH:MM:ss', hideObject: true })
    : serviceDestination(destination))
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: ['token', 'apiKey', '*.token', '*.apiKey', 'headers.authorization'], censor: '[redacted]' },
      serializers: { err: stdSerializers.err },
    },
    // The whole line is scrubbed, whatever field carries the secret: library errors quote the request
    // URL (which holds the bot token) in messages, stacks, causes and nested objects alike.
    { write: (line: string) => out.write(scrub(line)) },
  )
}

/** Lines are written at most this long after they were logged (in a service; the terminal's go at once). */
const FLUSH_EVERY_MS = 500

/**
 * A service's JSON lines go out in writes of 4 kB or every FLUSH_EVERY_MS: a write per line was 10 µs of every logged
 * update in the webhook's profile. pino flushes what is left when the process exits. The terminal chat's lines on
 * stderr are written at once, in step with the conversation on stdout.
 */
function serviceDestination(fd: 1 | 2): DestinationStream {
  if (fd === 2) return pino.destination({ fd, sync: true })
  const out = pino.destination({ fd, sync: false, minLength: 4096 })
  setInterval(() => out.flush(), FLUSH_EVERY_MS).unref()
  return out
}

export const silentLogger: Logger = pino({ level: 'silent' })

/**
 * The same logger, with each distinct warning or error written at most once per `everyMs`; the next
 * one after that says how many were held back. For failures that repeat every second while a
 * dependency is down (a stopped Redis), and for floods of refused requests.
 */
export function quietRepeats(logger: Logger, { now, everyMs = 60_000 }: { now: () => number, everyMs?: number }): Logger {
  // Shared by the children too: the same failure logged by many jobs' child loggers is one repeat.
  const recent = new Map<string, { at: number, held: number }>()
  const gate = (target: Logger, level: 'warn' | 'error') => (...args: unknown[]) => {
    const msg = [args[0], args[1]].find((a): a is string => typeof a === 'string') ?? ''
    // Numbers vary between repeats of one failure (ports, ids, counts), so they are not part of its identity.
    const key = `${level} ${msg.replace(/\d+/g, '#')}`
    const at = now()
    const last = recent.get(key)
    if (last && at - last.at < everyMs) {
      last.held++
      return
    }
    recent.delete(key)
    recent.set(key, { at, held: 0 })
    if (recent.size > 200) recent.delete(recent.keys().next().value!)
    const suffix = last?.held ? ` (${last.held} more like this held back)` : ''
    if (typeof args[0] === 'string') target[level](`${args[0]}${suffix}`)
    else target[level](args[0] as object, `${msg}${suffix}`)
  }
  const wrap = (target: Logger): Logger => Object.assign(Object.create(target) as Logger, {
    warn: gate(target, 'warn'),
    error: gate(target, 'error'),
    // pino types a child with custom levels apart; this one has none.
    child: (...args: Parameters<Logger['child']>) => wrap(target.child(...args) as unknown as Logger),
  })
  return wrap(logger)
}
