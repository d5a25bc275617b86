/**
 * What went wrong with an outbound fetch, as a class. Messages start with the class and never carry bytes
 * of the response (a body, a status text, a header), so an error shown to an admin cannot read a page the
 * bot was not allowed to show.
 */
export type FetchProblemKind = 'address' | 'credentials' | 'scheme' | 'redirects' | 'timeout' | 'too-large' | 'http' | 'network'

export class FetchProblem extends Error {
  constructor(message: string, readonly kind: FetchProblemKind, readonly status?: number) {
    super(message)
  }
}

/** Network error codes in words; anything else by its code alone. */
const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found (DNS did not answer)',
  ENODATA: 'host not found',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  EPIPE: 'connection closed',
  HPE_INVALID_CONSTANT: 'not an HTTP answer',
  HPE_HEADER_OVERFLOW: 'headers too large',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate is for another host',
  CERT_HAS_EXPIRED: 'TLS certificate expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed TLS certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate not trusted',
  Z_DATA_ERROR: 'corrupt compressed body',
  Z_BUF_ERROR: 'truncated compressed body',
  ERR_STREAM_PREMATURE_CLOSE: 'connection closed early',
}

/** A network error as «cannot connect: connection refused», from its code only (Node's messages name addresses). */
export function networkProblem(err: unknown, doing = 'cannot connect'): FetchProblem {
  if (err instanceof FetchProblem) return err
  const code = (err as { code?: unknown }).code
  const words = typeof code === 'string' ? NETWORK_CODES[code] ?? code.toLowerCase().replace(/^err_/, '').replaceAll('_', ' ') : 'unknown error'
  return new FetchProblem(`${doing}: ${words}`, 'network')
}
