import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { operationOf, toReceiverExchange } from '../../../src/main/receiver/exchange-view'
import type { TrafficExchange } from '../../../src/shared/traffic'

const TX = 'https://tx.example'
const metadata = {
  issuer: TX,
  jwks_uri: `${TX}/jwks`,
  configuration_endpoint: `${TX}/ssf/streams`,
  status_endpoint: `${TX}/ssf/status`,
  add_subject_endpoint: `${TX}/ssf/subjects:add`,
  remove_subject_endpoint: `${TX}/ssf/subjects:remove`,
  verification_endpoint: `${TX}/ssf/verify`
}

function exchange(over: Partial<TrafficExchange>): TrafficExchange {
  return {
    id: 7,
    at: 1_700_000_000_000,
    duration_ms: 3,
    direction: 'outbound',
    kind: 'management',
    method: 'GET',
    url: `${TX}/ssf/streams`,
    status: 200,
    request_headers: {},
    request_body: null,
    response_headers: {},
    response_body: null,
    error: null,
    stream_id: null,
    jti: null,
    event_type: null,
    receiver_id: 'rcv_1',
    ...over
  }
}

describe('the operation of a receiver exchange, from the traffic log', () => {
  it.each<[Partial<TrafficExchange>, string]>([
    [{ method: 'POST' }, 'create_stream'],
    [{ method: 'GET', url: `${TX}/ssf/streams?stream_id=s1` }, 'read_stream'],
    [{ method: 'GET' }, 'list_streams'],
    [{ method: 'PATCH' }, 'update_stream'],
    [{ method: 'PUT' }, 'replace_stream'],
    [{ method: 'DELETE', url: `${TX}/ssf/streams?stream_id=s1` }, 'delete_stream'],
    [{ method: 'GET', url: `${TX}/ssf/status?stream_id=s1` }, 'get_status'],
    [{ method: 'POST', url: `${TX}/ssf/status` }, 'set_status'],
    [{ method: 'POST', url: `${TX}/ssf/subjects:add` }, 'add_subject'],
    [{ method: 'POST', url: `${TX}/ssf/subjects:remove` }, 'remove_subject'],
    [{ method: 'POST', url: `${TX}/ssf/verify` }, 'verification'],
    [{ kind: 'metadata', url: `${TX}/.well-known/ssf-configuration` }, 'metadata'],
    [{ kind: 'jwks', url: `${TX}/jwks` }, 'jwks'],
    [{ kind: 'poll', method: 'POST', url: `${TX}/ssf/poll/s1` }, 'poll'],
    [{ direction: 'inbound', kind: 'receiver-push', method: 'POST' }, 'push'],
    [{ method: 'POST', url: `${TX}/elsewhere` }, 'management']
  ])('%j → %s', (over, operation) => {
    expect(operationOf(exchange(over), metadata)).toBe(operation)
  })

  it('never throws, whatever the URL and the metadata', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer())),
        (url, method, md) => {
          expect(typeof operationOf(exchange({ url, method }), md)).toBe('string')
        }
      )
    )
  })

  it('masks secrets in headers and bodies, and leaves out what is absent', () => {
    const view = toReceiverExchange(
      exchange({
        method: 'POST',
        request_headers: { authorization: 'Bearer abcdefghijklmnop' },
        request_body: '{"delivery":{"authorization_header":"Bearer secretsecretsecret"}}',
        status: null,
        error: 'connect ECONNREFUSED'
      }),
      'rcv_1',
      metadata
    )
    expect(view).toEqual({
      id: 7,
      receiver_id: 'rcv_1',
      direction: 'outbound',
      operation: 'create_stream',
      method: 'POST',
      url: `${TX}/ssf/streams`,
      request_headers: { authorization: 'Bearer ****mnop' },
      request_body: '{"delivery":{"authorization_header":"Bearer ****cret"}}',
      error: 'connect ECONNREFUSED',
      started_at: 1_700_000_000_000,
      duration_ms: 3
    })
  })
})
