import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  REFUSAL_CASES,
  judgeAcceptance,
  judgePollRefusals,
  judgeRefusal
} from '../../../../src/shared/conformance/receiver-plan'
import { countByStatus, groupByArea, reportFailed } from '../../../../src/shared/conformance/report'
import {
  judgeEventSets,
  judgeJwksPrivate,
  judgeRateLimit,
  judgeReplace,
  publicPart
} from '../../../../src/shared/conformance/transmitter-plan'

const err = (e: string) => JSON.stringify({ err: e, description: 'why' })

describe('judgeRefusal', () => {
  it.each([
    [{ status: 400, body: err('invalid_key') }, ['invalid_key'], 'pass'],
    [{ status: 400, body: err('invalid_request') }, ['invalid_key'], 'warn'],
    [{ status: 400, body: '' }, ['invalid_key'], 'fail'],
    [{ status: 400, body: 'nope' }, ['invalid_key'], 'fail'],
    [{ status: 401, body: err('invalid_key') }, ['invalid_key'], 'fail'],
    [{ status: 202, body: '' }, ['invalid_key'], 'fail'],
    [{ error: 'ECONNREFUSED' }, ['invalid_key'], 'fail']
  ] as const)('%j for %j → %s', (answer, codes, expected) => {
    expect(judgeRefusal(answer, codes).status).toBe(expected)
  })

  it('never passes an accepted SET and never throws, whatever the body', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 599 }), fc.string(), (status, body) => {
        const v = judgeRefusal({ status, body }, ['invalid_key'])
        if (status !== 400) expect(v.status).toBe('fail')
        expect(v.detail.length).toBeGreaterThan(0)
      })
    )
  })
})

describe('judgeAcceptance', () => {
  it('only push.valid insists on 202; the others take any 2xx', () => {
    expect(judgeAcceptance({ status: 200, body: '' }, true).status).toBe('fail')
    expect(judgeAcceptance({ status: 200, body: '' }, false).status).toBe('pass')
    expect(judgeAcceptance({ status: 202 }, true).status).toBe('pass')
    expect(judgeAcceptance({ status: 400, body: err('invalid_request') }, false).detail).toContain(
      'invalid_request'
    )
  })
})

describe('judgePollRefusals', () => {
  const [a, b] = REFUSAL_CASES
  if (!a || !b) throw new Error('cases')
  it('an acknowledged invalid SET fails; a wrong code warns; the right codes pass', () => {
    expect(
      judgePollRefusals([
        { case: a, fate: { kind: 'acked' } },
        { case: b, fate: { kind: 'set_err', err: 'invalid_key', description: '' } }
      ]).status
    ).toBe('fail')
    expect(
      judgePollRefusals([{ case: a, fate: { kind: 'set_err', err: 'x', description: '' } }]).status
    ).toBe('warn')
    expect(
      judgePollRefusals([
        { case: a, fate: { kind: 'set_err', err: a.codes[0] ?? '', description: '' } }
      ]).status
    ).toBe('pass')
    expect(judgePollRefusals([{ case: a, fate: { kind: 'pending' } }]).status).toBe('fail')
  })
})

describe('Check my Transmitter judgements', () => {
  it('a JWKS with private members is reported as a leak; publicPart strips them', () => {
    const key = { kty: 'RSA', kid: 'k1', n: 'n', e: 'AQAB', d: 'secret', p: 'p' }
    expect(judgeJwksPrivate([key])).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('"k1" publishes d, p')
    })
    expect(publicPart(key)).toEqual({ kty: 'RSA', kid: 'k1', n: 'n', e: 'AQAB' })
    expect(judgeJwksPrivate([publicPart(key)]).status).toBe('pass')
  })

  it('PUT replace, 429, event SETs', () => {
    expect(judgeReplace({ description: 'old' }, 'description').status).toBe('fail')
    expect(judgeReplace({}, 'description').status).toBe('pass')
    expect(judgeRateLimit(30, 204, null).status).toBe('fail')
    expect(judgeRateLimit(30, 429, null).status).toBe('warn')
    expect(judgeRateLimit(30, 429, '30').status).toBe('pass')
    const lint = (severity: 'error' | 'warning') => [{ severity, message: 'm', path: 'sub_id' }]
    expect(
      judgeEventSets([
        { eventTypes: ['a'], accepted: true, findings: lint('error') },
        { eventTypes: ['b'], accepted: true, findings: lint('warning') },
        { eventTypes: ['c'], accepted: true, findings: [] },
        { eventTypes: ['d'], accepted: false, problem: 'invalid_key', findings: [] }
      ]).map((r) => [r.eventType, r.verdict.status])
    ).toEqual([
      ['a', 'fail'],
      ['b', 'warn'],
      ['c', 'pass'],
      ['d', 'fail']
    ])
  })
})

describe('report helpers', () => {
  it('groups by area in order, counts, fails only on fail', () => {
    const checks = [
      { id: 'push.valid', status: 'pass' as const },
      { id: 'events.x', status: 'warn' as const },
      { id: 'push.duplicate', status: 'skip' as const }
    ]
    expect(groupByArea(checks).map((g) => [g.area, g.checks.length])).toEqual([
      ['push', 2],
      ['events', 1]
    ])
    expect(countByStatus(checks)).toEqual({ pass: 1, warn: 1, fail: 0, skip: 1 })
    expect(reportFailed(checks)).toBe(false)
    const failed: { id: string; status: 'fail' } = { id: 'x', status: 'fail' }
    expect(reportFailed([...checks, failed])).toBe(true)
  })
})
