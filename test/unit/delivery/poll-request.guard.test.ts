/**
 * Guard for mutation testing (docs/testing.md) of `parsePollRequest`: the usual body takes a fast
 * path beside the schema, and the edges of that path (empty and over-long jtis, too many
 * acknowledgements, a body that is not an object) must be refused as the schema refuses them.
 */
import { describe, expect, it } from 'vitest'
import { SsfError } from '../../../src/shared/ssf'
import { parsePollRequest } from '../../../src/main/transmitter/delivery/poll-queue'

describe('parsePollRequest at the edges of the fast path', () => {
  it.each([
    ['an empty jti', { ack: [''] }],
    ['a jti one character too long', { ack: ['x'.repeat(1025)] }],
    ['one acknowledgement too many', { ack: Array.from({ length: 10_001 }, (_, i) => `j${i}`) }],
    ['a JSON string', 'hello'],
    ['a number', 7]
  ])('refuses %s with 400', (_name, body) => {
    expect(() => parsePollRequest(body)).toThrow(SsfError)
  })

  it('accepts the longest jti and the most acknowledgements', () => {
    const longest = 'x'.repeat(1024)
    expect(parsePollRequest({ ack: [longest] }).ack).toEqual([longest])
    const most = Array.from({ length: 10_000 }, (_, i) => `j${i}`)
    expect(parsePollRequest({ ack: most }).ack).toHaveLength(10_000)
  })

  it('a request through the schema (setErrs) does not return at once unless asked', () => {
    expect(parsePollRequest({ setErrs: {} })).toEqual({
      returnImmediately: false,
      ack: [],
      setErrs: []
    })
    expect(parsePollRequest({ setErrs: {}, returnImmediately: true }).returnImmediately).toBe(true)
  })
})
