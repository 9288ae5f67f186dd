import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { findingSchema as apiFindingSchema } from '../../../src/shared/api/findings'
import {
  FINDING_SEVERITIES,
  findingSchema,
  lintSet,
  lintSubject,
  validateEvent
} from '../../../src/shared/ssf'
import { checkSetHeader } from '../../../src/shared/ssf/receiver/set-checks'

describe('one Finding type', () => {
  it('src/shared/api hands out the same schema as src/shared/ssf', () => {
    expect(apiFindingSchema).toBe(findingSchema)
    expect(findingSchema.shape.severity.options).toEqual([...FINDING_SEVERITIES])
  })

  it('what the catalog, the linter, the subject checks and the Receiver say are Findings', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), fc.jsonValue(), (a, b, c) => {
        const findings = [
          ...validateEvent({ type: 'caep.credential-change', subject: a, claims: b }),
          ...lintSet({ header: c, payload: b }),
          ...lintSubject(a),
          ...checkSetHeader(c).findings
        ]
        for (const f of findings) expect(findingSchema.safeParse(f).success).toBe(true)
      })
    )
  })

  it('a severity outside the list is refused', () => {
    expect(
      findingSchema.safeParse({ path: 'p', rule: 'r', message: 'm', severity: 'fatal' }).success
    ).toBe(false)
  })
})
