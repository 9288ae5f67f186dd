import { describe, expect, it } from 'vitest'
import type { StreamView, TrafficSummary } from '../../../src/shared/api/contract'
import {
  buildTimeline,
  describeCall,
  type OutboundSet
} from '../../../src/renderer/src/features/timeline/timeline-model'
import {
  describeReceiverFaults,
  describeStreamFaults,
  streamFaultsFrom
} from '../../../src/renderer/src/features/faults/fault-model'

const exchange = (over: Partial<TrafficSummary>): TrafficSummary => ({
  id: 1,
  at: 0,
  duration_ms: 1,
  direction: 'inbound',
  kind: 'management',
  method: 'POST',
  url: 'http://127.0.0.1:4400/ssf/streams',
  status: 201,
  error: null,
  stream_id: 's',
  jti: null,
  event_type: null,
  receiver_id: null,
  ...over
})
const set = (jti: string, at: number, type = 'caep/event-type/session-revoked'): OutboundSet => ({
  jti,
  event_type: `https://schemas.openid.net/secevent/${type}`,
  state: 'delivered',
  created_at: at,
  claims: {}
})
const stream = {
  created_at: 5,
  subjects: [{ subject: { format: 'email', email: 'a@b.c' }, verified: true, added_at: 6 }]
} as unknown as StreamView

describe('buildTimeline', () => {
  it('orders every step by time and hangs each attempt under its SET', () => {
    const items = buildTimeline(
      stream,
      [
        exchange({ id: 9, at: 30, kind: 'push', direction: 'outbound', jti: 'j2', status: 503 }),
        exchange({ id: 10, at: 40, kind: 'push', direction: 'outbound', jti: 'j2', status: 202 }),
        exchange({ id: 3, at: 8, url: 'http://h/ssf/verify' })
      ],
      [set('j2', 20), set('j1', 7, 'ssf/event-type/stream-updated')]
    )
    expect(items.map((i) => i.title)).toEqual([
      'Stream created',
      'Subject added (email)',
      'Stream-updated SET (delivered)',
      'Verification requested (POST /ssf/verify) → 201',
      'SET session-revoked (delivered)'
    ])
    const last = items[4]
    expect(last?.kind === 'set' && last.attempts.map((a) => a.status)).toEqual([503, 202])
  })

  it('lists removals and verification requests made without an SSF call, once', () => {
    const withHistory = {
      ...stream,
      removed_subjects: [{ subject: { format: 'email', email: 'a@b.c' }, removed_at: 50 }],
      verification_requests: [{ requested_at: 60 }, { state: 'v2', requested_at: 700 }]
    } as StreamView
    const items = buildTimeline(withHistory, [], [set('v1', 61, 'ssf/event-type/verification')])
    expect(items.map((i) => i.title)).toEqual([
      'Stream created',
      'Subject added (email)',
      'Subject removed (email)',
      'Verification requested',
      'Verification SET (delivered)',
      'Verification requested (state v2)'
    ])
    // The same steps done over the SSF management API are listed as those calls, not twice.
    const overSsf = buildTimeline(
      withHistory,
      [
        exchange({ id: 4, at: 49, url: 'http://h/ssf/subjects:remove', status: 204 }),
        exchange({ id: 5, at: 60, url: 'http://h/ssf/verify', status: 204 })
      ],
      []
    )
    expect(overSsf.map((i) => i.title)).toEqual([
      'Stream created',
      'Subject added (email)',
      'Subject removed (POST /ssf/subjects:remove) → 204',
      'Verification requested (POST /ssf/verify) → 204',
      'Verification requested (state v2)'
    ])
  })

  it('names management calls by what they did', () => {
    expect(describeCall(exchange({ url: 'http://h/ssf/subjects:remove' }))).toMatch(
      /^Subject removed/
    )
    expect(describeCall(exchange({ url: 'http://h/ssf/status' }))).toMatch(/^Status change/)
    expect(describeCall(exchange({ method: 'DELETE' }))).toMatch(/^Stream deleted/)
    expect(describeCall(exchange({ kind: 'poll', status: null, error: 'timeout' }))).toBe(
      'Poll by the Receiver → timeout'
    )
  })
})

describe('fault words', () => {
  it('labels active faults and leaves out empty values', () => {
    expect(describeStreamFaults({ delay_ms: 500, drop: true, iat_offset_seconds: -60 })).toEqual([
      'delay 500 ms',
      'Drop',
      'iat -60 s'
    ])
    expect(describeReceiverFaults({ status: 503 })).toEqual(['status 503'])
    expect(
      streamFaultsFrom({
        switches: { alg_none: true, drop: false },
        delay_ms: 0,
        iat_offset_seconds: ''
      })
    ).toEqual({ alg_none: true })
  })
})
