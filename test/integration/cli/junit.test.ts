/**
 * The JUnit writer's output against the Ant JUnit schema, for every outcome and for hostile text.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checksToJUnitSuite } from '../../../src/shared/report/checks-junit'
import { toJUnitXml } from '../../../src/shared/report/junit'
import { junitSchemaErrors } from './junit-schema'

describe('JUnit XML against the JUnit schema', () => {
  it('every outcome, several suites, a conformance report', async () => {
    const xml = toJUnitXml([
      {
        name: 'scenario',
        cases: [
          { name: 'ok', outcome: 'pass', detail: 'fine' },
          { name: 'bad', outcome: 'fail', message: 'm', detail: 'd' },
          { name: 'boom', outcome: 'error', message: 'e' },
          { name: 'later', outcome: 'skip' }
        ]
      },
      checksToJUnitSuite('Check my Transmitter', [
        { id: 'a', title: 'A', rule: 'SSF §1', status: 'warn', detail: 'w' }
      ]),
      { name: 'empty', cases: [] }
    ])
    expect(await junitSchemaErrors(xml)).toEqual([])
  })

  it('a document missing what the schema requires is refused (the check can fail)', async () => {
    const xml = toJUnitXml([{ name: 's', cases: [{ name: 'x', outcome: 'pass' }] }]).replace(
      '<properties/>',
      ''
    )
    expect(await junitSchemaErrors(xml)).not.toEqual([])
  })

  it('names and details with any characters stay valid', async () => {
    // One document with many generated cases: one validation run covers them all.
    const text = fc.string({ unit: 'binary' })
    const samples = fc.sample(
      fc.tuple(
        text.filter((s) => s.trim() !== ''),
        text
      ),
      300
    )
    const xml = toJUnitXml(
      samples.map(([name, detail], i) => ({
        name: `${i} ${name}`,
        cases: [
          { name, outcome: 'fail', message: detail, detail },
          { name: detail || 'x', outcome: 'pass', detail: name }
        ]
      }))
    )
    expect(await junitSchemaErrors(xml)).toEqual([])
  })
})
