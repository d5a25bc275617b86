import { describe, expect, it } from 'vitest'
import { addressRefusal, hostRefusal } from '../../src/net/address-policy.js'

const strict = { allowPrivate: false }
const lenient = { allowPrivate: true }

describe('addressRefusal', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['192.168.1.20', 'private'],
    ['172.16.5.4', 'private'],
    ['169.254.169.254', 'cloud metadata'],
    ['169.254.10.1', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fd00::1', 'uniqueLocal'],
    ['[fd00::1]', 'uniqueLocal'],
    ['fe80::1%eth0', 'linkLocal'],
    ['ff02::1', 'multicast'],
    ['fd00:ec2::254', 'cloud metadata'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::7f00:1', 'IPv4-compatible IPv6'],
    ['2002:7f00:1::', '6to4'],
    ['64:ff9b::7f00:1', 'rfc6052'],
    ['not-an-address', 'not an IP address'],
  ])('refuses %s as %s, given FEEDS_ALLOW_PRIVATE off', (address, why) => {
    expect(addressRefusal(address, strict)).toBe(why)
  })

  it('lets public unicast addresses through, IPv4-mapped ones included', () => {
    for (const address of ['8.8.8.8', '93.184.215.14', '2606:4700::1111', '::ffff:8.8.8.8']) expect(addressRefusal(address, strict)).toBeUndefined()
  })

  it('allows loopback and private addresses but never cloud metadata, given FEEDS_ALLOW_PRIVATE', () => {
    for (const address of ['127.0.0.1', '10.0.0.1', '::1', 'fd00::1', '::ffff:127.0.0.1']) expect(addressRefusal(address, lenient)).toBeUndefined()
    expect(addressRefusal('169.254.169.254', lenient)).toBe('cloud metadata')
    expect(addressRefusal('::ffff:169.254.169.254', lenient)).toBe('cloud metadata')
  })
})

describe('hostRefusal', () => {
  it('refuses metadata names always and local names unless FEEDS_ALLOW_PRIVATE, given host names', () => {
    expect(hostRefusal('metadata.google.internal', lenient)).toBe('cloud metadata')
    expect(hostRefusal('METADATA.google.internal.', strict)).toBe('cloud metadata')
    for (const name of ['localhost', 'api.localhost', 'printer.local', 'db.corp.internal']) {
      expect(hostRefusal(name, strict)).toBe('local name')
      expect(hostRefusal(name, lenient)).toBeUndefined()
    }
    expect(hostRefusal('www.alarabiya.net', strict)).toBeUndefined()
  })
})
