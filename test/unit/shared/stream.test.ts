/** Parsers of the stream-management bodies. @see SSF 1.0 §8.1.1–§8.1.4 */
import { describe, expect, it, test } from 'vitest'
import {
  InvalidRequestError,
  MAX_DESCRIPTION_LENGTH,
  computeEventsDelivered,
  parseCreateStreamRequest,
  parseStatusUpdateRequest,
  parseStreamUpdateRequest,
  parseSubjectRequest,
  parseVerificationRequest
} from '../../../src/shared/ssf'

const PUSH = 'urn:ietf:rfc:8935'
const POLL = 'urn:ietf:rfc:8936'
const RX = 'https://rx.example/events'

function invalid(fn: () => unknown): string {
  try {
    fn()
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidRequestError)
    return (err as InvalidRequestError).message
  }
  throw new Error('expected an InvalidRequestError')
}

describe('parseCreateStreamRequest', () => {
  test.each([
    { name: 'empty object', body: {}, out: {} },
    {
      name: 'push with auth header',
      body: { delivery: { method: PUSH, endpoint_url: RX, authorization_header: 'Bearer x' } },
      out: { delivery: { method: PUSH, endpoint_url: RX, authorization_header: 'Bearer x' } }
    },
    {
      name: 'poll drops a sent endpoint_url',
      body: { delivery: { method: POLL, endpoint_url: RX } },
      out: { delivery: { method: POLL } }
    },
    {
      name: 'legacy push URI',
      body: {
        delivery: {
          method: 'https://schemas.openid.net/secevent/risc/delivery-method/push',
          endpoint_url: RX
        }
      },
      out: { delivery: { method: PUSH, endpoint_url: RX } }
    },
    {
      name: 'legacy poll URI',
      body: {
        delivery: { method: 'https://schemas.openid.net/secevent/risc/delivery-method/poll' }
      },
      out: { delivery: { method: POLL } }
    },
    {
      name: 'delivery_method + url aliases',
      body: { delivery: { delivery_method: PUSH, url: RX } },
      out: { delivery: { method: PUSH, endpoint_url: RX } }
    },
    {
      name: 'method wins over delivery_method',
      body: { delivery: { method: POLL, delivery_method: PUSH } },
      out: { delivery: { method: POLL } }
    },
    {
      name: 'http URL allowed (local development)',
      body: { delivery: { method: PUSH, endpoint_url: 'http://localhost:3000/e' } },
      out: { delivery: { method: PUSH, endpoint_url: 'http://localhost:3000/e' } }
    },
    {
      name: 'events_requested deduplicated',
      body: { events_requested: ['a', 'b', 'a'] },
      out: { events_requested: ['a', 'b'] }
    },
    {
      name: 'empty events_requested kept',
      body: { events_requested: [] },
      out: { events_requested: [] }
    },
    { name: 'description', body: { description: 'hi' }, out: { description: 'hi' } },
    { name: 'unknown members ignored', body: { x: 1, format: 'iss_sub' }, out: {} },
    {
      name: 'Transmitter-supplied members ignored (lenient)',
      body: { iss: 'x', aud: 'y', stream_id: 'z' },
      out: {}
    }
  ])('accepts $name', ({ body, out }) => {
    expect(parseCreateStreamRequest(body, 'lenient')).toEqual(out)
  })

  it('truncates description to MAX_DESCRIPTION_LENGTH', () => {
    const out = parseCreateStreamRequest(
      { description: 'x'.repeat(MAX_DESCRIPTION_LENGTH + 10) },
      'lenient'
    )
    expect(out.description).toHaveLength(MAX_DESCRIPTION_LENGTH)
  })

  test.each([
    { name: 'null', body: null },
    { name: 'array', body: [] },
    { name: 'string', body: 'x' },
    { name: 'number', body: 1 },
    { name: 'undefined (no JSON body)', body: undefined },
    {
      name: 'push without endpoint_url',
      body: { delivery: { method: PUSH } },
      says: 'endpoint_url'
    },
    {
      name: 'push with relative URL',
      body: { delivery: { method: PUSH, endpoint_url: '/x' } },
      says: 'endpoint_url'
    },
    {
      name: 'push with mailto URL',
      body: { delivery: { method: PUSH, endpoint_url: 'mailto:a@b' } },
      says: 'endpoint_url'
    },
    {
      name: 'push with fragment',
      body: { delivery: { method: PUSH, endpoint_url: `${RX}#f` } },
      says: 'endpoint_url'
    },
    { name: 'unknown method', body: { delivery: { method: 'urn:x' } }, says: 'method' },
    { name: 'no method', body: { delivery: {} }, says: 'method' },
    { name: 'numeric method', body: { delivery: { method: 1 } }, says: 'method' },
    {
      name: 'numeric authorization_header',
      body: { delivery: { method: PUSH, endpoint_url: RX, authorization_header: 1 } },
      says: 'authorization_header'
    },
    {
      name: 'huge authorization_header',
      body: {
        delivery: { method: PUSH, endpoint_url: RX, authorization_header: 'x'.repeat(9000) }
      },
      says: 'authorization_header'
    },
    { name: 'delivery string', body: { delivery: 'push' }, says: 'delivery' },
    { name: 'events_requested string', body: { events_requested: 'a' }, says: 'events_requested' },
    {
      name: 'events_requested with empty string',
      body: { events_requested: [''] },
      says: 'events_requested'
    },
    {
      name: 'events_requested over 500 entries',
      body: { events_requested: Array.from({ length: 501 }, (_, i) => `e${i}`) },
      says: 'events_requested'
    },
    { name: 'description number', body: { description: 1 }, says: 'description' }
  ])('refuses $name', ({ body, says }) => {
    const message = invalid(() => parseCreateStreamRequest(body, 'lenient'))
    if (says) expect(message).toContain(says)
  })

  test.each([
    'stream_id',
    'iss',
    'aud',
    'events_supported',
    'events_delivered',
    'min_verification_interval',
    'inactivity_timeout'
  ])('strict mode refuses Transmitter-supplied %s', (member) => {
    expect(invalid(() => parseCreateStreamRequest({ [member]: 'x' }, 'strict'))).toContain(member)
  })

  it('strict mode still ignores unknown members', () => {
    expect(parseCreateStreamRequest({ vendor: 1, delivery: { method: POLL } }, 'strict')).toEqual({
      delivery: { method: POLL }
    })
  })
})

describe('parseStreamUpdateRequest', () => {
  it('splits Receiver-supplied members from echoed Transmitter-supplied ones', () => {
    expect(
      parseStreamUpdateRequest({
        stream_id: 's1',
        iss: 'i',
        aud: ['a'],
        events_delivered: [],
        description: 'd',
        unknown: 1
      })
    ).toEqual({
      stream_id: 's1',
      config: { description: 'd' },
      echoed: { iss: 'i', aud: ['a'], events_delivered: [] }
    })
  })

  test.each([
    { name: 'no stream_id', body: { description: 'x' } },
    { name: 'numeric stream_id', body: { stream_id: 1 } },
    { name: 'empty stream_id', body: { stream_id: '' } },
    { name: 'array body', body: [] },
    { name: 'bad delivery', body: { stream_id: 's', delivery: { method: PUSH } } }
  ])('refuses $name', ({ body }) => {
    invalid(() => parseStreamUpdateRequest(body))
  })
})

describe('computeEventsDelivered', () => {
  test.each([
    { requested: undefined, supported: ['a'], out: [] },
    { requested: [], supported: ['a'], out: [] },
    { requested: ['a', 'x'], supported: ['a', 'b'], out: ['a'] },
    { requested: ['b', 'a'], supported: ['a', 'b'], out: ['a', 'b'] },
    { requested: ['x'], supported: ['a'], out: [] }
  ])('requested $requested ∩ supported $supported = $out', ({ requested, supported, out }) => {
    expect(computeEventsDelivered(requested, supported)).toEqual(out)
  })
})

describe('parseStatusUpdateRequest', () => {
  test.each(['enabled', 'paused', 'disabled'])('accepts %s', (status) => {
    expect(parseStatusUpdateRequest({ stream_id: 's', status })).toEqual({ stream_id: 's', status })
  })

  it('keeps reason', () => {
    expect(parseStatusUpdateRequest({ stream_id: 's', status: 'paused', reason: 'r' })).toEqual({
      stream_id: 's',
      status: 'paused',
      reason: 'r'
    })
  })

  test.each([
    { stream_id: 's', status: 'Enabled' },
    { stream_id: 's', status: 'stopped' },
    { stream_id: 's' },
    { status: 'paused' },
    { stream_id: '', status: 'paused' },
    { stream_id: 's', status: 'paused', reason: 1 },
    { stream_id: 's', status: 'paused', reason: 'x'.repeat(1025) }
  ])('refuses %j', (body) => {
    invalid(() => parseStatusUpdateRequest(body))
  })
})

describe('parseSubjectRequest', () => {
  const subject = { format: 'opaque', id: 'a' }
  it('defaults verified to true', () => {
    expect(parseSubjectRequest({ stream_id: 's', subject })).toEqual({
      stream_id: 's',
      subject,
      verified: true
    })
  })
  it('keeps verified false', () => {
    expect(parseSubjectRequest({ stream_id: 's', subject, verified: false }).verified).toBe(false)
  })
  test.each([
    { body: { stream_id: 's' }, says: 'subject' },
    { body: { stream_id: 's', subject: { format: 'email', email: 'x' } }, says: 'subject.email' },
    { body: { stream_id: 's', subject, verified: 'true' }, says: 'verified' },
    { body: { subject }, says: 'stream_id' },
    { body: null, says: 'JSON object' }
  ])('refuses $body', ({ body, says }) => {
    expect(invalid(() => parseSubjectRequest(body))).toContain(says)
  })
})

describe('parseVerificationRequest', () => {
  it('accepts with and without state', () => {
    expect(parseVerificationRequest({ stream_id: 's' })).toEqual({ stream_id: 's' })
    expect(parseVerificationRequest({ stream_id: 's', state: 'x' })).toEqual({
      stream_id: 's',
      state: 'x'
    })
  })
  test.each([
    {},
    { stream_id: 1 },
    { stream_id: 's', state: 1 },
    { stream_id: 's', state: 'x'.repeat(4097) },
    []
  ])('refuses %j', (body) => {
    invalid(() => parseVerificationRequest(body))
  })
})
