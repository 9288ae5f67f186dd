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
