import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  capBody,
  classifyOutbound,
  maskBody,
  maskHeaders,
  parseStatusFilter,
  setsInBody,
  toCurl,
  toHar,
  TRAFFIC_KINDS,
  TRAFFIC_ROUTE_KINDS,
  type TrafficExchange
} from '../../../src/shared/traffic'

const JWS = 'eyJhbGciOiJSUzI1NiJ9.eyJqdGkiOiIxIn0.c2ln'

const exchange: TrafficExchange = {
  id: 1,
  at: 1767225600000,
  duration_ms: 12,
  direction: 'outbound',
  kind: 'push',
  method: 'POST',
  url: 'http://127.0.0.1:9/events?x=1',
  status: 202,
  request_headers: {
    authorization: 'Bearer secret-token-abcd',
    'content-type': 'application/secevent+jwt'
  },
  request_body: JWS,
  response_headers: {},
  response_body: null,
  error: null,
  stream_id: 's1',
  jti: '1',
  event_type: null,
  receiver_id: null
}

describe('traffic: pure helpers', () => {
  it('names a known kind for every recorded route', () => {
    for (const kind of Object.values(TRAFFIC_ROUTE_KINDS)) expect(TRAFFIC_KINDS).toContain(kind)
    expect(TRAFFIC_ROUTE_KINDS).toMatchObject({
      metadata: 'metadata',
      jwks: 'jwks',
      configuration: 'management',
      poll: 'poll',
      receiver_push: 'receiver-push',
      oauth: 'oauth'
    })
  })

  it.each([
    ['POST', 'http://x/events', 'application/secevent+jwt', '', '', 'push'],
    ['GET', 'http://x/.well-known/ssf-configuration', undefined, '', '{}', 'metadata'],
    ['GET', 'http://x/keys', undefined, '', '{"keys":[]}', 'jwks'],
    ['POST', 'http://x/ssf/poll/1', 'application/json', '{"maxEvents":1}', '{}', 'poll'],
    ['POST', 'http://x/ssf/streams', 'application/json', '{}', '{}', 'management']
  ])('classifyOutbound(%s %s)', (m, url, ct, req, res, kind) => {
    expect(classifyOutbound(m, url, ct, req, res)).toBe(kind)
  })

  it('masks secret headers and body members', () => {
    expect(
      maskHeaders({ Authorization: 'Bearer secret-token-abcd', Cookie: 'a=b', Accept: '*/*' })
    ).toEqual({
      authorization: 'Bearer ****abcd',
      cookie: '****',
      accept: '*/*'
    })
    expect(maskBody('{"authorization_header":"Bearer long-secret-value-9999","x":1}')).toBe(
      '{"authorization_header":"Bearer ****9999","x":1}'
    )
  })

  it.each([
    ['4xx', { min: 400, max: 499 }],
    ['202', { exact: 202 }],
    ['2XX', { min: 200, max: 299 }],
    ['6xx', undefined],
    ['20', undefined],
    ['abc', undefined]
  ])('parseStatusFilter(%s)', (raw, expected) => {
    expect(parseStatusFilter(raw)).toEqual(expected)
  })

  it('finds SETs in push and poll bodies', () => {
    expect(setsInBody(JWS)).toEqual([JWS])
    expect(setsInBody(JSON.stringify({ sets: { a: JWS, b: 3 } }))).toEqual([JWS])
    expect(setsInBody('{"sets": [1]}')).toEqual([])
    expect(setsInBody('{not json')).toEqual([])
    expect(setsInBody(null)).toEqual([])
  })

  it('caps bodies', () => {
    expect(capBody('abcdef', 3)).toBe('abc…[truncated 3 chars]')
    expect(capBody('abc', 3)).toBe('abc')
  })

  it('renders curl with secrets masked unless revealed', () => {
    expect(toCurl(exchange)).toBe(
      `curl -i -X POST 'http://127.0.0.1:9/events?x=1' -H 'authorization: Bearer ****abcd' -H 'content-type: application/secevent+jwt' --data-binary '${JWS}'`
    )
    expect(toCurl(exchange, true)).toContain('Bearer secret-token-abcd')
    expect(toCurl({ ...exchange, request_body: "it's" }, true)).toContain(`'it'\\''s'`)
  })

  it('renders HAR 1.2 with masked headers and the query string', () => {
    const har = toHar([exchange], '0.1.0')
    expect(har.log.version).toBe('1.2')
    const entry = har.log.entries[0]!
    expect(entry.request.queryString).toEqual([{ name: 'x', value: '1' }])
    expect(entry.request.headers).toContainEqual({
      name: 'authorization',
      value: 'Bearer ****abcd'
    })
    expect(entry.response.content.text).toBe('')
  })

  it('on arbitrary input: never throws, masks every secret, classifies into known kinds', () => {
    const secret = fc.string({ minLength: 13 }).filter((v) => !v.includes(' '))
    fc.assert(
      fc.property(fc.string(), fc.string(), secret, (a, b, token) => {
        expect(TRAFFIC_KINDS).toContain(classifyOutbound(a, b, a, b, a))
        const filter = parseStatusFilter(a)
        if (filter !== undefined && 'exact' in filter) expect(a.trim()).toBe(String(filter.exact))
        for (const set of setsInBody(a)) expect(a).toContain(set)
        // A secret never survives masking, in a header or a JSON body; only its last 4 do.
        const masked = maskHeaders({ [a]: b, Authorization: `Bearer ${token}` })
        expect(masked.authorization).toBe(`Bearer ****${token.slice(-4)}`)
        expect(maskBody(JSON.stringify({ access_token: token, other: a }))).not.toContain(
          JSON.stringify(token).slice(1, -1)
        )
        expect(
          toCurl({ ...exchange, url: a, request_body: b, request_headers: { [a]: b } })
        ).toContain('curl')
        const har = toHar([{ ...exchange, url: a, response_body: b }], '0')
        expect(har.log.entries).toHaveLength(1)
      })
    )
  })
})
