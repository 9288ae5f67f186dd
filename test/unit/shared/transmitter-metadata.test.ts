/** Discovery URL rule and the metadata document. @see SSF 1.0 §7.1, §7.2 */
import { describe, expect, it, test } from 'vitest'
import { buildTransmitterMetadata, discoveryUrl, issuerPath } from '../../../src/shared/ssf'

describe('discoveryUrl: the well-known suffix goes between host and issuer path', () => {
  test.each([
    {
      issuer: 'https://tx.example',
      url: 'https://tx.example/.well-known/ssf-configuration',
      path: ''
    },
    {
      issuer: 'https://tx.example/',
      url: 'https://tx.example/.well-known/ssf-configuration',
      path: ''
    },
    {
      issuer: 'https://tx.example/tenant-7',
      url: 'https://tx.example/.well-known/ssf-configuration/tenant-7',
      path: '/tenant-7'
    },
    {
      issuer: 'https://tx.example/a/b/',
      url: 'https://tx.example/.well-known/ssf-configuration/a/b',
      path: '/a/b'
    },
    {
      issuer: 'http://localhost:8080/sim',
      url: 'http://localhost:8080/.well-known/ssf-configuration/sim',
      path: '/sim'
    },
    {
      issuer: 'http://127.0.0.1:4400',
      url: 'http://127.0.0.1:4400/.well-known/ssf-configuration',
      path: ''
    },
    {
      issuer: 'https://tx.sim.example/t1',
      url: 'https://tx.sim.example/.well-known/ssf-configuration/t1',
      path: '/t1'
    }
  ])('$issuer → $url', ({ issuer, url, path }) => {
    expect(discoveryUrl(issuer)).toBe(url)
    expect(issuerPath(issuer)).toBe(path)
  })
})

describe('buildTransmitterMetadata', () => {
  it('publishes every SSF 1.0 member that applies, endpoints under the issuer', () => {
    expect(
      buildTransmitterMetadata('https://tx.sim.example/t1', { defaultSubjects: 'NONE' })
    ).toEqual({
      spec_version: '1_0',
      issuer: 'https://tx.sim.example/t1',
      jwks_uri: 'https://tx.sim.example/t1/ssf/jwks',
      delivery_methods_supported: ['urn:ietf:rfc:8935', 'urn:ietf:rfc:8936'],
      configuration_endpoint: 'https://tx.sim.example/t1/ssf/streams',
      status_endpoint: 'https://tx.sim.example/t1/ssf/status',
      add_subject_endpoint: 'https://tx.sim.example/t1/ssf/subjects:add',
      remove_subject_endpoint: 'https://tx.sim.example/t1/ssf/subjects:remove',
      verification_endpoint: 'https://tx.sim.example/t1/ssf/verify',
      authorization_schemes: [{ spec_urn: 'urn:ietf:rfc:6749' }],
      default_subjects: 'NONE'
    })
  })

  it('keeps the issuer byte-for-byte (trailing slash) but builds endpoints without a double slash', () => {
    const md = buildTransmitterMetadata('https://tx.example/', { defaultSubjects: 'ALL' })
    expect(md.issuer).toBe('https://tx.example/')
    expect(md.configuration_endpoint).toBe('https://tx.example/ssf/streams')
  })

  it('omits empty arrays and includes non-empty critical_subject_members', () => {
    const empty = buildTransmitterMetadata('https://tx.example', {
      defaultSubjects: 'ALL',
      criticalSubjectMembers: []
    })
    expect(empty).not.toHaveProperty('critical_subject_members')
    for (const v of Object.values(empty)) expect(v).not.toEqual([])
    expect(
      buildTransmitterMetadata('https://tx.example', {
        defaultSubjects: 'ALL',
        criticalSubjectMembers: ['tenant']
      }).critical_subject_members
    ).toEqual(['tenant'])
  })
})
