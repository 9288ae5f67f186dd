import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { TX_TOKEN, startTestTransmitter, type TestTransmitter } from './helpers/test-transmitter'

interface Check {
  id: string
  title: string
  rule: string
  status: 'pass' | 'fail' | 'warn' | 'skip'
  detail: string
}

const AUDIENCE = 'https://check.test'
let engine: TestEngine
let tx: TestTransmitter
let id: string

async function check(): Promise<Record<string, Check>> {
  const res = await engine.call('POST', `/api/receivers/${id}/check`, {
    verification_wait_seconds: 2
  })
  expect(res.status).toBe(200)
  const { checks } = (await res.json()) as { checks: Check[] }
  return Object.fromEntries(checks.map((c) => [c.id, c]))
}

beforeAll(async () => {
  engine = await startTestEngine()
  tx = await startTestTransmitter(() => AUDIENCE)
  tx.minVerificationInterval = 30
  tx.announceStatus = true
  const res = await engine.call('POST', '/api/receivers', {
    issuer: tx.issuer,
    audience: AUDIENCE,
    transmitter_token: TX_TOKEN
  })
  id = ((await res.json()) as { receiver_id: string }).receiver_id
})
afterAll(async () => {
  await engine.stop()
  await tx.close()
})
beforeEach(() => {
  tx.faults.clear()
  tx.metadataPatch = {}
})

describe('Check my Transmitter', () => {
  it('a conforming Transmitter passes everything, including the verification round trip', async () => {
    const checks = await check()
    const failing = Object.values(checks).filter((c) => c.status === 'fail' || c.status === 'skip')
    expect(failing).toEqual([])
    expect(checks['verification.round_trip']?.status).toBe('pass')
  })

  it('without a token, management checks are skipped with a reason', async () => {
    const other = (await (
      await engine.call('POST', '/api/receivers', { issuer: tx.issuer, audience: AUDIENCE })
    ).json()) as { receiver_id: string }
    const res = await engine.call('POST', `/api/receivers/${other.receiver_id}/check`, {})
    const { checks } = (await res.json()) as { checks: Check[] }
    expect(checks.find((c) => c.id === 'stream.create')).toMatchObject({
      status: 'skip',
      detail: expect.stringContaining('transmitter_token')
    })
  })

  // A deliberately broken Transmitter, one fault at a time: each is found.
  it.each<[string, () => void, string, Check['status']]>([
    [
      'metadata issuer differs',
      () => (tx.metadataPatch = { issuer: `${tx.issuer}/` }),
      'metadata.issuer',
      'fail'
    ],
    [
      'an empty array in metadata',
      () => (tx.metadataPatch = { critical_subject_members: [] }),
      'metadata.no_empty_arrays',
      'fail'
    ],
    [
      'no spec_version',
      () => (tx.metadataPatch = { spec_version: undefined }),
      'metadata.spec_version',
      'fail'
    ],
    [
      'draft spec_version',
      () => (tx.metadataPatch = { spec_version: '1_0-ID2' }),
      'metadata.spec_version',
      'warn'
    ],
    [
      'legacy delivery URI',
      () =>
        (tx.metadataPatch = {
          delivery_methods_supported: [
            'https://schemas.openid.net/secevent/risc/delivery-method/push'
          ]
        }),
      'metadata.delivery_methods',
      'fail'
    ],
    [
      'default_subjects invalid',
      () => (tx.metadataPatch = { default_subjects: 'SOME' }),
      'metadata.default_subjects',
      'fail'
    ],
    [
      'no status_endpoint',
      () => (tx.metadataPatch = { status_endpoint: undefined }),
      'metadata.required_members',
      'warn'
    ],
    ['create answers 200', () => tx.faults.add('create-200'), 'stream.create', 'warn'],
    ['stream iss differs', () => tx.faults.add('stream-iss'), 'stream.create.iss', 'fail'],
    [
      'events_delivered not requested',
      () => tx.faults.add('events-delivered-extra'),
      'stream.create.events_delivered',
      'fail'
    ],
    ['update ignored', () => tx.faults.add('update-ignored'), 'stream.update.applied', 'fail'],
    [
      'poll endpoint_url not assigned',
      () => tx.faults.add('no-poll-url'),
      'stream.create_poll.delivery.endpoint_url',
      'fail'
    ],
    ['delete answers 200', () => tx.faults.add('delete-200'), 'stream.delete', 'warn'],
    [
      'verification SET never sent',
      () => tx.faults.add('verify-none'),
      'verification.round_trip',
      'fail'
    ],
    [
      'verification SET with the wrong state',
      () => tx.faults.add('verify-wrong-state'),
      'verification.round_trip',
      'fail'
    ]
  ])('finds: %s', async (_name, breakIt, checkId, expected) => {
    breakIt()
    const checks = await check()
    expect(checks[checkId]).toMatchObject({ status: expected })
    expect(checks[checkId]?.detail).toBeTruthy()
  })
})

/** Run the check on `receiverId`; when it waits for events, the Transmitter fires one. */
async function checkWithEvents(receiverId: string): Promise<Check[]> {
  const unsubscribe = engine.core.ctx.bus.subscribe((e) => {
    if (e.type === 'check.waiting' && e.id === receiverId && e.check_id === 'events') void tx.fire()
  })
  try {
    const res = await engine.call('POST', `/api/receivers/${receiverId}/check`, {
      verification_wait_seconds: 2,
      event_wait_seconds: 1
    })
    expect(res.status).toBe(200)
    return ((await res.json()) as { checks: Check[] }).checks
  } finally {
    unsubscribe()
  }
}

const failing = (checks: Check[]) => checks.filter((c) => c.status === 'fail').map((c) => c.id)

describe('Check my Transmitter, deepened: each defect is found by exactly its check', () => {
  it('a conforming Transmitter passes, its event SETs included', async () => {
    const checks = await checkWithEvents(id)
    // Only the http (not https) warning of a loopback test server remains.
    expect(checks.filter((c) => c.status !== 'pass').map((c) => c.id)).toEqual([
      'metadata.endpoints'
    ])
    for (const must of [
      'jwks.public_only',
      'stream.replace.applied',
      'verification.rate_limit',
      'poll.receive',
      'poll.ack',
      'poll.set_errs',
      'status.stream_updated',
      'errors.no_token',
      'errors.unknown_stream',
      'errors.malformed_body',
      'events.session-revoked'
    ])
      expect(checks.map((c) => c.id)).toContain(must)
  })

  it('a Transmitter that sets its own aud: learned when no audience was set, no false failure', async () => {
    const other = (await (
      await engine.call('POST', '/api/receivers', {
        issuer: tx.issuer,
        transmitter_token: TX_TOKEN
      })
    ).json()) as { receiver_id: string }
    const checks = await checkWithEvents(other.receiver_id)
    expect(failing(checks)).toEqual([])
    expect(checks.find((c) => c.id === 'verification.round_trip')?.status).toBe('pass')
    expect(checks.find((c) => c.id === 'stream.create.aud_usable')?.detail).toContain('learned')
  })

  it.each([
    ['leaks private JWK members', 'leak-private', 'jwks.public_only'],
    ['keeps omitted members on PUT', 'put-keeps', 'stream.replace.applied'],
    ['has no 429', 'no-429', 'verification.rate_limit'],
    ['sends SETs without sub_id', 'no-sub-id', 'events.session-revoked']
  ])('a Transmitter that %s', async (_name, fault, checkId) => {
    tx.faults.add(fault)
    const checks = await checkWithEvents(id)
    expect(failing(checks)).toEqual([checkId])
    if (fault === 'leak-private')
      expect(checks.find((c) => c.id === checkId)?.detail).toContain('private key material')
  })

  it('our own engine, checked as a Transmitter, passes', async () => {
    const client = (await (
      await engine.call('POST', '/api/clients', { name: 'checked by itself' })
    ).json()) as { token: string }
    const self = (await (
      await engine.call('POST', '/api/receivers', {
        issuer: engine.core.issuer,
        transmitter_token: client.token
      })
    ).json()) as { receiver_id: string }
    const res = await engine.call('POST', `/api/receivers/${self.receiver_id}/check`, {
      verification_wait_seconds: 3
    })
    const { checks } = (await res.json()) as { checks: Check[] }
    expect(checks.filter((c) => c.status === 'fail').map((c) => `${c.id}: ${c.detail}`)).toEqual([])
    expect(checks.find((c) => c.id === 'verification.round_trip')?.status).toBe('pass')
  })
})
