import { describe, expect, it } from 'vitest'
import { UsageError, resolveServeOptions } from '../../../src/main/core/config'

describe('serve --subject-removal-grace', () => {
  it('defaults to none (no grace)', () => {
    expect(resolveServeOptions([], {}, 'linux').subjectRemovalGraceSeconds).toBeUndefined()
  })
  it('takes whole seconds', () => {
    expect(
      resolveServeOptions(['--subject-removal-grace', '30'], {}, 'linux').subjectRemovalGraceSeconds
    ).toBe(30)
  })
  it.each(['-1', '1.5', 'x', '10000000'])('refuses %s', (raw) => {
    expect(() => resolveServeOptions(['--subject-removal-grace', raw], {}, 'linux')).toThrow(
      UsageError
    )
  })
})
