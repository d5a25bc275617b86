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

export function createLogger({ level, secrets = [], destination = 1, pretty = false, stream }: LoggerOptions): Logger {
  const hidden = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 6)
  const scrub = (text: string) => hidden.reduce((out, secret) => out.split(secret).join('[redacted]'), text)
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: ['token', 'apiKey', '*.token', '*.apiKey', 'headers.authorization'], censor: '[redacted]' },
      // Library errors (e.g. a failed fetch) quote the request URL, which carries the bot token.
      serializers: {
        err: (err: Error) => {
          const out = stdSerializers.err(err)
          return { ...out, message: scrub(out.message), stack: out.stack ? scrub(out.stack) : out.stack }
        },
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrub(a) : a)) as typeof args
          method.apply(this, scrubbed)
        },
      },
    },
    stream ?? (pretty
      ? PinoPretty({ destination, sync: true, ignore: 'pid,hostname', translateTime: 'HH:MM:ss', hideObject: true })
      : pino.destination({ fd: destination, sync: true })),
  )
}

export const silentLogger: Logger = pino({ level: 'silent' })
