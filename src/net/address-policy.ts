import ipaddr from 'ipaddr.js'

/**
 * Cloud instance-metadata endpoints hand out credentials to whatever asks from inside the machine, so they
 * stay refused even with FEEDS_ALLOW_PRIVATE. The names are refused before DNS; the addresses after it.
 */
const METADATA_HOSTS = new Set(['metadata.google.internal', 'metadata.goog', 'metadata'])
const METADATA_ADDRESSES = new Set(['169.254.169.254', 'fd00:ec2::254', '100.100.100.200'])

/** Names that only ever mean this machine or its local network (RFC 6761, mDNS, ICANN's private-use TLD). */
const LOCAL_NAME = /(^|\.)(localhost|local|internal|home\.arpa)$/

/** IPv4-compatible IPv6 (::a.b.c.d, deprecated): ipaddr.js calls it unicast, but it embeds an IPv4 address. */
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96')

export interface AddressPolicy {
  /** FEEDS_ALLOW_PRIVATE: loopback, private and other local addresses are allowed, for local testing. */
  allowPrivate: boolean
}

/**
 * Why a connection to this address is refused, or undefined when it may go ahead: only globally routable
 * unicast addresses pass, by ipaddr.js's ranges. IPv4-mapped IPv6 (::ffff:127.0.0.1) is judged as the IPv4
 * address it carries.
 */
export function addressRefusal(address: string, { allowPrivate }: AddressPolicy): string | undefined {
  let ip: ipaddr.IPv4 | ipaddr.IPv6
  try {
    ip = ipaddr.process(address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''))
  }
  catch {
    return 'not an IP address'
  }
  const normal = ip.toNormalizedString()
  if (METADATA_ADDRESSES.has(ip.kind() === 'ipv6' ? (ip as ipaddr.IPv6).toRFC5952String() : normal)) return 'cloud metadata'
  if (allowPrivate) return undefined
  const range = ip.range()
  if (range !== 'unicast') return range
  return ip.kind() === 'ipv6' && ip.match(IPV4_COMPATIBLE) ? 'IPv4-compatible IPv6' : undefined
}

/** Why a host name is refused before any DNS lookup, or undefined. Addresses are judged by addressRefusal. */
export function hostRefusal(hostname: string, { allowPrivate }: AddressPolicy): string | undefined {
  const name = hostname.toLowerCase().replace(/\.$/, '')
  if (METADATA_HOSTS.has(name)) return 'cloud metadata'
  if (!allowPrivate && LOCAL_NAME.test(name)) return 'local name'
  return undefined
}
