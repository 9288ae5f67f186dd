import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parsePollRequest } from '../../../src/main/transmitter/delivery/poll-queue'

/** The same request through the schema: an empty `setErrs` takes the full path. */
function viaSchema(body: Record<string, unknown>): unknown {
  try {
    return parsePollRequest({ ...body, setErrs: {} })
  } catch (err) {
    return err instanceof Error ? `throws ${err.constructor.name}` : err
  }
}

function direct(body: Record<string, unknown>): unknown {
  try {
    return parsePollRequest(body)
  } catch (err) {
    return err instanceof Error ? `throws ${err.constructor.name}` : err
  }
}

describe('parsePollRequest: the usual body is read without the schema, with the same result', () => {
  it('agrees with the schema on valid and invalid ack, maxEvents and returnImmediately', () => {
    const jti = fc.oneof(fc.string({ maxLength: 3 }), fc.constant('x'.repeat(1025)), fc.integer())
    fc.assert(
      fc.property(
        fc.record(
          {
            ack: fc.oneof(fc.array(jti, { maxLength: 5 }), fc.string(), fc.constant(null)),
            maxEvents: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.double(), fc.string()),
            returnImmediately: fc.oneof(fc.boolean(), fc.integer()),
            other: fc.anything()
          },
          { requiredKeys: [] }
        ),
        (body) => {
          expect(direct(body)).toEqual(viaSchema(body))
        }
      )
    )
  })
})
