/**
 * The poll response written from the stored tokens is byte for byte what `res.json` of the
 * response object sent before, and its traffic-log form what `pollBodyForLog` stored.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { pollBodies } from '../../../src/main/transmitter/endpoints/poll'
import { pollBodyForLog } from '../../../src/shared/traffic'

const notArrayIndex = (jti: string): boolean => !/^(?:0|[1-9]\d{0,9})$/.test(jti)

describe('pollBodies', () => {
  it('equals JSON.stringify of the response and pollBodyForLog of it', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            jti: fc.oneof(fc.uuid(), fc.string({ minLength: 1 })).filter(notArrayIndex),
            token: fc.string()
          }),
          { selector: (r) => r.jti }
        ),
        fc.boolean(),
        (handed, moreAvailable) => {
          const response = {
            sets: Object.fromEntries(handed.map((h) => [h.jti, h.token])),
            moreAvailable
          }
          const { body, logged } = pollBodies(handed, moreAvailable)
          expect(body).toBe(JSON.stringify(response))
          expect(logged).toEqual(pollBodyForLog(response, response.sets))
        }
      ),
      { numRuns: 1000 }
    )
  })
})
