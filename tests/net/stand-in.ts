import type { Resolve } from '../../src/net/guarded-fetch.js'
import { addressRefusal } from '../../src/net/address-policy.js'

/**
 * Tests reach nothing but loopback, so one loopback address stands in for the public internet: a server
 * bound to it plays a news site, and a made-up name resolves to it through a resolver the test injects.
 * Every other address is judged by the real policy, with FEEDS_ALLOW_PRIVATE off.
 */
export const PUBLIC_STAND_IN = '127.0.0.2'

export const standInRefusal = (address: string) => (address === PUBLIC_STAND_IN ? undefined : addressRefusal(address, { allowPrivate: false }))

/** DNS from a table; a name not in it is not found, as real DNS would answer. Records every question. */
export function tableResolver(table: Record<string, string[] | (() => string[])>): Resolve & { asked: string[] } {
  const asked: string[] = []
  const resolve = async (hostname: string) => {
    asked.push(hostname)
    const entry = table[hostname]
    if (!entry) throw Object.assign(new Error(`queryA ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' })
    return typeof entry === 'function' ? entry() : entry
  }
  return Object.assign(resolve, { asked })
}

/** The network seam of the guarded client and the poller: made-up names, the stand-in counted as public. */
export const standIn = (table: Record<string, string[] | (() => string[])>) => ({ resolve: tableResolver(table), refusal: standInRefusal })
