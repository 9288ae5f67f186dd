import { describe, expect, it } from 'vitest'
import { pathOf } from '../../../src/renderer/src/features/traffic/format'

describe('pathOf (the traffic list’s Path column)', () => {
  it('keeps the path and query of an absolute URL, as new URL would', () => {
    for (const url of [
      'http://127.0.0.1:4400/ssf/poll/s-1',
      'https://app.example/events?x=1&y=2',
      'http://user:pw@host:8080/a/b/',
      'http://host',
      'http://host?only=query',
      'https://host/p#fragment'
    ]) {
      const u = new URL(url)
      expect(pathOf(url)).toBe(`${u.pathname}${u.search}`)
    }
  })

  it('returns text that is not an absolute URL as it is', () => {
    expect(pathOf('/ssf/streams')).toBe('/ssf/streams')
    expect(pathOf('not a url')).toBe('not a url')
  })
})
