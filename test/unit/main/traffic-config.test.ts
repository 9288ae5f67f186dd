import { describe, expect, it } from 'vitest'
import { UsageError, resolveServeOptions } from '../../../src/main/core/config'

describe('--traffic-retention', () => {
  it('is absent by default and read when given', () => {
    expect(resolveServeOptions([], {}, 'linux').trafficRetention).toBeUndefined()
    expect(resolveServeOptions(['--traffic-retention', '500'], {}, 'linux').trafficRetention).toBe(
      500
    )
  })

  it.each(['0', '-1', 'abc', '1.5', '9999999999'])('refuses %s', (raw) => {
    expect(() => resolveServeOptions(['--traffic-retention', raw], {}, 'linux')).toThrow(UsageError)
  })
})
