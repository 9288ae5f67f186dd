/** Names the local CA permits and the leaf carries, and when a leaf is reissued (pure). */
import { describe, expect, it, test } from 'vitest'
import {
  LEAF_RENEW_DAYS,
  LEAF_VALIDITY_DAYS,
  caExpiry,
  dnsWithin,
  hostName,
  httpsUrlHost,
  leafNames,
  leafRenewalReason,
  leafValidity,
  permittedDns
} from '../../../src/main/tls/names'

const DAY = 86_400_000
const NOW = Date.UTC(2026, 0, 1)
const FP = 'AA:BB'
const LOOP = { dns: ['localhost'], ips: ['127.0.0.1', '::1'] }

describe('names', () => {
  test.each([
    ['127.0.0.1', undefined],
    ['::1', undefined],
    ['[::1]', undefined],
    ['0.0.0.0', undefined],
    ['localhost', 'localhost'],
    ['Dev.Example.', 'dev.example'],
    ['bad_name', undefined],
    ['-x', undefined]
  ])('hostName(%j) = %j', (host, want) => expect(hostName(host)).toBe(want))

  it('matches DNS constraints as RFC 5280 does: the name itself or below it', () => {
    expect(dnsWithin('localhost', 'localhost')).toBe(true)
    expect(dnsWithin('app.localhost', 'localhost')).toBe(true)
    expect(dnsWithin('evillocalhost', 'localhost')).toBe(false)
    expect(dnsWithin('localhost.evil.example', 'localhost')).toBe(false)
  })

  it('permits loopback, plus --host when it is a name not already covered', () => {
    expect(permittedDns('127.0.0.1')).toEqual(['localhost'])
    expect(permittedDns('app.localhost')).toEqual(['localhost'])
    expect(permittedDns('devbox.lan')).toEqual(['localhost', 'devbox.lan'])
    expect(permittedDns('192.168.1.5')).toEqual(['localhost'])
  })

  it('puts --host in the leaf only when the CA permits it', () => {
    expect(leafNames('127.0.0.1', ['localhost'])).toEqual(LOOP)
    expect(leafNames('devbox.lan', ['localhost', 'devbox.lan'])).toEqual({
      dns: ['localhost', 'devbox.lan'],
      ips: LOOP.ips
    })
    expect(leafNames('devbox.lan', ['localhost'])).toEqual({ ...LOOP, uncovered: 'devbox.lan' })
  })

  test.each([
    ['127.0.0.1', 'localhost'],
    ['0.0.0.0', 'localhost'],
    ['::', 'localhost'],
    ['[::1]', 'localhost'],
    ['devbox.lan', 'devbox.lan'],
    ['fe80::1', '[fe80::1]']
  ])('https URL host for %j is %j', (host, want) => expect(httpsUrlHost(host)).toBe(want))
})

describe('leaf renewal', () => {
  const good = { notAfter: NOW + 100 * DAY, issuerFingerprint: FP, ...LOOP }
  it('keeps a good leaf', () => {
    expect(leafRenewalReason(good, LOOP, FP, NOW)).toBeUndefined()
    expect(leafRenewalReason({ ...good, ips: ['::1', '127.0.0.1'] }, LOOP, FP, NOW)).toBeUndefined()
  })

  test.each([
    ['no leaf', undefined, 'no leaf certificate yet'],
    ['other CA', { ...good, issuerFingerprint: 'CC' }, 'signed by another CA'],
    ['due', { ...good, notAfter: NOW + (LEAF_RENEW_DAYS - 1) * DAY }, 'expires soon'],
    ['expired', { ...good, notAfter: NOW - DAY }, 'expires soon'],
    ['names', { ...good, dns: ['localhost', 'old.lan'] }, 'names changed'],
    ['ips', { ...good, ips: ['127.0.0.1'] }, 'names changed']
  ])('reissues: %s', (_what, leaf, reason) => {
    expect(leafRenewalReason(leaf, LOOP, FP, NOW)).toBe(reason)
  })

  it('is not due exactly at the renewal window edge + 1 ms', () => {
    const edge = { ...good, notAfter: NOW + LEAF_RENEW_DAYS * DAY }
    expect(leafRenewalReason(edge, LOOP, FP, NOW)).toBeUndefined()
    expect(leafRenewalReason(edge, LOOP, FP, NOW + 1)).toBe('expires soon')
  })

  it('never issues a leaf past the CA', () => {
    expect(leafValidity(NOW, NOW + 1000 * DAY).notAfter.getTime()).toBe(
      NOW + LEAF_VALIDITY_DAYS * DAY
    )
    expect(leafValidity(NOW, NOW + 100 * DAY).notAfter.getTime()).toBe(NOW + 100 * DAY)
    expect(leafValidity(NOW, NOW + 100 * DAY).notBefore.getTime()).toBeLessThan(NOW)
  })

  test.each([
    [3000, 'ok'],
    [59, 'soon'],
    [31, 'soon'],
    [30, 'expired'],
    [-1, 'expired']
  ])('a CA ending in %i days is %s', (days, want) => {
    expect(caExpiry(NOW + days * DAY, NOW)).toBe(want)
  })
})
