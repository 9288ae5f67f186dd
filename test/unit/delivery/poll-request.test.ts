import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SsfError } from '../../../src/shared/ssf'
import { parsePollRequest } from '../../../src/main/transmitter/delivery/poll-queue'

describe('parsePollRequest (RFC 8936 §2.1)', () => {
  it('treats an absent body as {} (long poll, defaults)', () => {
    expect(parsePollRequest(undefined)).toEqual({ returnImmediately: false, ack: [], setErrs: [] })
  })

  it('reads every member', () => {
    expect(
      parsePollRequest({
        maxEvents: 5,
        returnImmediately: true,
        ack: ['a'],
        setErrs: { b: { err: 'invalid_key', description: 'd' }, c: { err: 'custom_code' } }
      })
    ).toEqual({
      maxEvents: 5,
      returnImmediately: true,
      ack: ['a'],
      setErrs: [
        { jti: 'b', err: 'invalid_key', description: 'd' },
        { jti: 'c', err: 'custom_code', description: '' }
      ]
    })
  })

  it('bad input only ever throws a 400 SsfError', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => {
        try {
          parsePollRequest(body)
        } catch (err) {
          expect(err).toBeInstanceOf(SsfError)
          expect(err instanceof SsfError && err.status).toBe(400)
        }
      })
    )
  })
})
