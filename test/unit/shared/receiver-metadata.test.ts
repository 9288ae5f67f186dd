import { describe, expect, it } from 'vitest'
import {
  checkMetadata,
  checkStreamFields,
  metadataCandidates,
  metadataFindings,
  parseRemoteMetadata,
  sniffSpecVersion,
  type RemoteMetadata
} from '../../../src/shared/ssf/receiver'

const md = (extra: Partial<RemoteMetadata> = {}): RemoteMetadata => ({
  issuer: 'https://tx.example/t1',
  jwks_uri: 'https://tx.example/t1/jwks',
  ...extra
})

describe('metadataCandidates', () => {
  it('inserts the well-known name between host and path, then tries the legacy names', () => {
    expect(metadataCandidates('https://tx.example/t1/').map((c) => c.url)).toEqual([
      'https://tx.example/.well-known/ssf-configuration/t1',
      'https://tx.example/.well-known/sse-configuration/t1',
      'https://tx.example/.well-known/risc-configuration/t1'
    ])
    expect(metadataCandidates('https://tx.example')[0]?.url).toBe(
      'https://tx.example/.well-known/ssf-configuration'
    )
  })
})

describe('parseRemoteMetadata', () => {
  it.each([
    [{ issuer: 'x', jwks_uri: 'y' }, true],
    [{ issuer: 'x' }, false],
    [{ jwks_uri: 'y' }, false],
    [{ issuer: 'x', jwks_uri: 'y', delivery_methods_supported: 'push' }, false],
    [null, false],
    ['text', false]
  ])('%j → ok %s', (input, ok) => {
    const out = parseRemoteMetadata(input)
    expect(out.ok).toBe(ok)
    if (!out.ok) expect(out.error).toBeTruthy()
  })
})

describe('sniffSpecVersion (interop notes §4, A27)', () => {
  it.each<[Partial<RemoteMetadata>, 'ssf-configuration' | 'sse-configuration', string]>([
    [{ spec_version: '1_0' }, 'ssf-configuration', 'final'],
    [{ spec_version: '1_0-ID2' }, 'ssf-configuration', 'draft'],
    [{ delivery_methods_supported: ['urn:ietf:rfc:8935'] }, 'ssf-configuration', 'draft'],
    [
      {
        delivery_methods_supported: [
          'https://schemas.openid.net/secevent/risc/delivery-method/push'
        ]
      },
      'ssf-configuration',
      'legacy'
    ],
    [{}, 'sse-configuration', 'legacy'],
    [{}, 'ssf-configuration', 'unknown']
  ])('%j at %s → %s', (extra, source, expected) => {
    expect(sniffSpecVersion(md(extra), source)).toBe(expected)
  })
})

describe('metadataFindings', () => {
  it('flags an issuer that differs by one byte, and the legacy location', () => {
    const f = metadataFindings(md(), 'https://tx.example/t1/', 'sse-configuration')
    expect(f.map((x) => x.path)).toEqual(['metadata', 'metadata.issuer'])
  })
})

describe('checkMetadata', () => {
  it('passes a complete document and finds each fault', () => {
    const raw = {
      spec_version: '1_0',
      issuer: 'https://tx.example/t1',
      jwks_uri: 'https://tx.example/jwks',
      delivery_methods_supported: ['urn:ietf:rfc:8935'],
      configuration_endpoint: 'https://tx.example/streams',
      status_endpoint: 'https://tx.example/status',
      add_subject_endpoint: 'https://tx.example/add',
      remove_subject_endpoint: 'https://tx.example/remove',
      verification_endpoint: 'https://tx.example/verify',
      authorization_schemes: [{ spec_urn: 'urn:ietf:rfc:6749' }],
      default_subjects: 'ALL'
    }
    const parsed = parseRemoteMetadata(raw)
    if (!parsed.ok) throw new Error(parsed.error)
    const good = checkMetadata(raw, parsed.metadata, raw.issuer, 'ssf-configuration', false)
    expect(good.filter((c) => c.status !== 'pass')).toEqual([])
    const broken = { ...raw, jwks_uri: 'http://tx.example/jwks', critical_subject_members: [] }
    const parsedBroken = parseRemoteMetadata(broken)
    if (!parsedBroken.ok) throw new Error(parsedBroken.error)
    const bad = Object.fromEntries(
      checkMetadata(broken, parsedBroken.metadata, raw.issuer, 'ssf-configuration', false).map(
        (c) => [c.id, c.status]
      )
    )
    expect(bad['metadata.endpoints']).toBe('fail')
    expect(bad['metadata.no_empty_arrays']).toBe('fail')
  })
})

describe('checkStreamFields', () => {
  const expectPush = {
    issuer: 'https://tx.example',
    events_requested: ['a'],
    method: 'urn:ietf:rfc:8935' as const,
    push_endpoint: 'https://rx/push'
  }
  const config = {
    stream_id: 's',
    iss: 'https://tx.example',
    aud: 'x',
    events_supported: ['a', 'b'],
    events_delivered: ['a'],
    delivery: { method: 'urn:ietf:rfc:8935', endpoint_url: 'https://rx/push' }
  }
  it('passes a correct configuration', () => {
    expect(checkStreamFields(config, expectPush, 'c').every((c) => c.status === 'pass')).toBe(true)
  })
  it.each<[string, Record<string, unknown>, string]>([
    ['iss', { iss: 'https://tx.example/' }, 'c.iss'],
    ['delivered unrequested', { events_delivered: ['a', 'b'] }, 'c.events_delivered'],
    ['delivered unsupported', { events_delivered: ['z'] }, 'c.events_delivered'],
    [
      'push url changed',
      { delivery: { method: 'urn:ietf:rfc:8935', endpoint_url: 'https://x' } },
      'c.delivery.endpoint_url'
    ],
    ['aud number', { aud: 1 }, 'c.aud']
  ])('finds %s', (_n, patch, id) => {
    const out = checkStreamFields({ ...config, ...patch }, expectPush, 'c')
    expect(out.find((c) => c.id === id)?.status).toBe('fail')
  })
  it('never crashes on garbage', () => {
    expect(checkStreamFields('x', expectPush, 'c')[0]?.status).toBe('fail')
    expect(
      checkStreamFields({ delivery: 1 }, expectPush, 'c').some((c) => c.status === 'fail')
    ).toBe(true)
  })
})
