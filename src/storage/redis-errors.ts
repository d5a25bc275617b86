// Apart from redis-connection.ts, so the SQLite path can name a Redis error without loading a Redis client.

/** The client's own error, which says more than "not connected": a refused password, a refused connection. */
export function redisCause(errors: Error[]): string | undefined {
  const auth = errors.find((e) => /WRONGPASS|NOAUTH|\bAUTH\b|invalid password/i.test(e.message))
  if (auth) return /NOAUTH/.test(auth.message) ? `Redis requires a password and the URL gives none (${auth.message})` : `Redis rejected the password (${auth.message})`
  return errors.find((e) => !/not connected|timed out|connection is closed/i.test(e.message))?.message
}
