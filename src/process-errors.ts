import type { Logger } from './logger.js'

/**
 * The last line of a process that hit an error nobody caught: one fatal line, scrubbed like every
 * other (Node's own report would print the error's stack, and a failed request's URL holds the bot
 * token), then exit 1. Before the logger exists, the line goes to stderr through `scrub`.
 */
export function exitOnUncaught(scrub: (text: string) => string, logger: () => Logger | undefined) {
  const die = (kind: string) => (error: unknown) => {
    const err = error instanceof Error ? error : new Error(String(error))
    const log = logger()
    if (log) log.fatal({ err }, `${kind}: ${err.message}`)
    else process.stderr.write(scrub(`khulasa: ${kind}: ${err.stack ?? err.message}\n`))
    process.exit(1)
  }
  process.on('uncaughtException', die('uncaught exception'))
  process.on('unhandledRejection', die('unhandled rejection'))
  return die('fatal')
}

/** The secret values in the environment, before the configuration is read: for lines written before the logger exists. */
export function secretsOf(env: Partial<Record<'TELEGRAM_BOT_TOKEN' | 'OPENAI_API_KEY' | 'WEBHOOK_SECRET' | 'METRICS_TOKEN' | 'STORAGE_URL' | 'REDIS_URL', string>>): (string | undefined)[] {
  return [env.TELEGRAM_BOT_TOKEN, env.OPENAI_API_KEY, env.WEBHOOK_SECRET, env.METRICS_TOKEN, ...urlSecrets(env.STORAGE_URL), ...urlSecrets(env.REDIS_URL)]
}

function urlSecrets(url: string | undefined): string[] {
  const match = url ? /^[a-z]+:\/\/([^@/]*)@/i.exec(url) : null
  if (!match) return []
  const password = match[1]!.split(':').slice(1).join(':')
  if (!password) return []
  try {
    return [password, decodeURIComponent(password)]
  }
  catch {
    return [password]
  }
}
