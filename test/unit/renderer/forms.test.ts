/**
 * Pure form models of the UI: subject forms build valid RFC 9493 / SSF subjects and read them
 * back; catalog claim forms convert values and report problems per claim; home snippets quote.
 */
import { describe, expect, it } from 'vitest'
import { validateSubject, type SubjectIdentifier } from '../../../src/shared/ssf'
import {
  buildSubject,
  emptySubjectForm,
  subjectFormFrom,
  summarizeSubject
} from '../../../src/renderer/src/features/transmitter/subject-model'
import type { CatalogClaim } from '../../../src/renderer/src/api/schemas'
import {
  buildClaims,
  claimValuesFrom,
  claimWidget
} from '../../../src/renderer/src/features/events/claims-model'
import { homeSnippets, shellQuote } from '../../../src/renderer/src/features/home/snippets'

const subjects: SubjectIdentifier[] = [
  { format: 'email', email: 'alice@example.com' },
  { format: 'phone_number', phone_number: '+14155550123' },
  { format: 'iss_sub', iss: 'https://idp.example.com', sub: '42' },
  { format: 'opaque', id: 'abc' },
  { format: 'account', uri: 'acct:alice@example.com' },
  { format: 'did', url: 'did:example:123' },
  { format: 'uri', uri: 'https://example.com/u/1' },
  {
    format: 'aliases',
    identifiers: [
      { format: 'email', email: 'a@example.com' },
      { format: 'opaque', id: 'x' }
    ]
  },
  {
    format: 'complex',
    user: { format: 'email', email: 'bob@example.com' },
    device: { format: 'opaque', id: 'laptop' },
    tenant: { format: 'opaque', id: 't1' }
  }
]

describe('subject form model', () => {
  it.each(subjects.map((s) => [s.format, s] as const))(
    '%s: reading a subject into the form and building it back is lossless and valid',
    (_format, subject) => {
      const built = buildSubject(subjectFormFrom(subject))
      expect(built).toEqual(subject)
      expect(validateSubject(built)).toEqual([])
    }
  )

  it('an empty form builds an invalid subject whose issue names the field', () => {
    const issues = validateSubject(buildSubject(emptySubjectForm()))
    expect(issues.map((i) => i.path)).toEqual(['subject.email'])
  })

  it('summarises subjects in words, not JSON', () => {
    expect(summarizeSubject(subjects[0] as SubjectIdentifier)).toBe('alice@example.com')
    expect(summarizeSubject(subjects[8] as SubjectIdentifier)).toBe(
      'user: bob@example.com · device: laptop · tenant: t1'
    )
  })
})

describe('claims form model', () => {
  const claims: CatalogClaim[] = [
    {
      name: 'initiating_entity',
      type: 'string',
      required: true,
      requirement: 'required',
      enum: ['admin', 'user']
    },
    { name: 'event_timestamp', type: 'number', required: false, requirement: 'optional' },
    { name: 'reason_admin', type: 'object', required: false, requirement: 'optional' },
    { name: 'flag', type: 'boolean', required: false, requirement: 'optional' }
  ]

  it('converts values by type and reports problems per claim', () => {
    expect(
      buildClaims(claims, {
        initiating_entity: 'admin',
        event_timestamp: '1700000000',
        reason_admin: '{"en":"policy"}',
        flag: true
      })
    ).toEqual({
      claims: {
        initiating_entity: 'admin',
        event_timestamp: 1700000000,
        reason_admin: { en: 'policy' },
        flag: true
      },
      problems: {}
    })
    expect(buildClaims(claims, { event_timestamp: 'soon', reason_admin: '{' }).problems).toEqual({
      initiating_entity: '"initiating_entity" is required',
      event_timestamp: '"event_timestamp" must be a number',
      reason_admin: '"reason_admin" must be valid JSON'
    })
  })

  it('fills the form from example claims', () => {
    const values = claimValuesFrom(claims, { initiating_entity: 'user', reason_admin: { en: 'x' } })
    expect(buildClaims(claims, values).claims).toEqual({
      initiating_entity: 'user',
      reason_admin: { en: 'x' }
    })
  })

  const catalogClaims: CatalogClaim[] = [
    {
      name: 'event_timestamp',
      type: 'number',
      required: false,
      requirement: 'optional',
      format: 'seconds-timestamp',
      form: { kind: 'timestamp', label: 'Event time' }
    },
    {
      name: 'reason_admin',
      type: 'object',
      required: false,
      requirement: 'optional',
      format: 'language-tagged',
      form: { kind: 'language-map', label: 'Reason (admin)' }
    },
    {
      name: 'change_type',
      type: 'string',
      required: true,
      requirement: 'required',
      enum: ['create', 'delete'],
      form: { kind: 'select', label: 'Change', options: ['create', 'delete'] }
    },
    {
      name: 'amr',
      type: 'array',
      required: false,
      requirement: 'optional',
      form: { kind: 'string-list', label: 'AMR' }
    },
    {
      name: 'credential_type',
      type: 'string',
      required: false,
      requirement: 'optional',
      form: { kind: 'combo', label: 'Credential', options: ['password'] }
    }
  ]

  it('picks widgets from the catalog form metadata', () => {
    expect(catalogClaims.map(claimWidget)).toEqual([
      'timestamp',
      'language-map',
      'select',
      'string-list',
      'combo'
    ])
  })

  it('round-trips language maps, string lists and timestamps', () => {
    const source = {
      event_timestamp: 1_700_000_000,
      reason_admin: { en: 'Policy', de: 'Richtlinie' },
      change_type: 'create',
      amr: ['pwd', 'otp'],
      credential_type: 'fido-u2f'
    }
    const values = claimValuesFrom(catalogClaims, source)
    expect(values.reason_admin).toEqual([
      { lang: 'en', text: 'Policy' },
      { lang: 'de', text: 'Richtlinie' }
    ])
    expect(buildClaims(catalogClaims, values)).toEqual({ claims: source, problems: {} })
  })

  it('gives a subject claim the subject picker and round-trips it as an object', () => {
    const claim: CatalogClaim = {
      name: 'previous_subject',
      type: 'object',
      required: false,
      requirement: 'optional',
      format: 'subject',
      form: { kind: 'subject', label: 'Previous subject' }
    }
    expect(claimWidget(claim)).toBe('subject')
    const subject = { format: 'email', email: 'old@example.com' }
    const values = claimValuesFrom([claim], { previous_subject: subject })
    expect(buildClaims([claim], values).claims).toEqual({ previous_subject: subject })
  })

  it('names a language row without a tag and a missing required enum', () => {
    expect(
      buildClaims(catalogClaims, { reason_admin: [{ lang: ' ', text: 'hi' }] }).problems
    ).toEqual({
      reason_admin: 'every message needs a language tag',
      change_type: '"change_type" is required'
    })
  })
})

describe('home snippets', () => {
  it('quotes for a POSIX shell', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`)
  })

  it('target the issuer and carry the token', () => {
    const s = homeSnippets(
      'http://127.0.0.1:4400',
      'http://127.0.0.1:4400/.well-known/ssf-configuration',
      'tok'
    )
    expect(s.discovery).toBe("curl -s 'http://127.0.0.1:4400/.well-known/ssf-configuration'")
    expect(s.createPush).toContain("'http://127.0.0.1:4400/ssf/streams'")
    expect(s.createPush).toContain('Bearer tok')
    expect(s.createPoll).toContain('urn:ietf:rfc:8936')
  })
})
