import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseDocument } from '../../../../src/main/cli/scenario/load'
import { UsageError } from '../../../../src/main/core/config'
import { publishedSchemas } from '../../../../src/shared/scenario/json-schema'
import { durationMs, scenarioSchema } from '../../../../src/shared/scenario/schema'

const ENV = {
  APP_PUSH_URL: 'http://127.0.0.1:3000/ssf/events',
  TRANSMITTER_ISSUER: 'http://127.0.0.1:5000',
  TRANSMITTER_TOKEN: 'tx-token'
}

describe('published JSON Schemas', () => {
  it.each(Object.entries(publishedSchemas()))(
    'schemas/%s is up to date (run `npm run schemas`)',
    (file, schema) => {
      const published: unknown = JSON.parse(readFileSync(join('schemas', file), 'utf8'))
      expect(published).toEqual(schema)
    }
  )
})

describe('scenario files', () => {
  it.each(readdirSync('examples').filter((f) => f.endsWith('.yaml')))(
    'examples/%s is a valid scenario',
    (file) => {
      const text = readFileSync(join('examples', file), 'utf8')
      expect(parseDocument(scenarioSchema, text, file, ENV).name).not.toBe('')
    }
  )

  it('names the member and the env variable that are wrong', () => {
    expect(() =>
      parseDocument(scenarioSchema, 'name: x\nsteps: [{ fly: {} }]', 'f.yaml', {})
    ).toThrow(/f\.yaml is not valid:\n {2}steps\.0/)
    expect(() => parseDocument(scenarioSchema, 'name: ${NOPE}', 'f.yaml', {})).toThrow(
      /\$\.name: environment variable NOPE is not set/
    )
    expect(parseDocument(scenarioSchema, 'name: ${NOPE:-fallback}', 'f.yaml', {}).name).toBe(
      'fallback'
    )
  })

  it('any text is either a scenario or a UsageError, never a crash', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          parseDocument(scenarioSchema, text, 'f.yaml', {})
        } catch (err) {
          expect(err).toBeInstanceOf(UsageError)
        }
      })
    )
  })

  it.each([
    [2, 2000],
    ['250ms', 250],
    ['2s', 2000],
    ['1.5m', 90_000]
  ])('duration %s = %d ms', (value, ms) => {
    expect(durationMs(value)).toBe(ms)
  })
})
