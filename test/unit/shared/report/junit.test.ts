import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checksToJUnitSuite } from '../../../../src/shared/report/checks-junit'
import { escapeXml, toJUnitXml } from '../../../../src/shared/report/junit'

describe('toJUnitXml', () => {
  it('counts tests, failures, errors and skips per suite and in total', () => {
    const xml = toJUnitXml([
      {
        name: 'suite a',
        timestamp: new Date('2026-01-02T03:04:05.678Z'),
        cases: [
          { name: 'ok', outcome: 'pass', time: 0.5 },
          { name: 'bad', outcome: 'fail', message: 'expected 202', detail: 'got 400', time: 1 },
          { name: 'boom', outcome: 'error', message: 'crashed' },
          { name: 'later', outcome: 'skip', message: 'not applicable' }
        ]
      }
    ])
    expect(xml).toContain(
      '<testsuites name="ssf-sim" tests="4" failures="1" errors="1" time="1.500">'
    )
    expect(xml).toContain(
      '<testsuite name="suite a" tests="4" failures="1" errors="1" skipped="1" time="1.500" timestamp="2026-01-02T03:04:05" id="0">'
    )
    expect(xml).toContain('<failure message="expected 202" type="failure">got 400</failure>')
    expect(xml).toContain('<error message="crashed" type="error"></error>')
    expect(xml).toContain('<skipped message="not applicable"/>')
    expect(xml).toContain('<testcase name="ok" classname="suite a" time="0.500"/>')
  })

  it('escapes markup and replaces characters XML cannot carry', () => {
    expect(escapeXml(`<a b="c" d='e'>&\u0001`)).toBe(
      '&lt;a b=&quot;c&quot; d=&apos;e&apos;&gt;&amp;\uFFFD'
    )
  })

  it('never lets a name or detail break out of its attribute or element', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (name, detail) => {
        const xml = toJUnitXml([{ name: 's', cases: [{ name, outcome: 'fail', detail }] }])
        // Exactly the markup we wrote: one testcase, one failure, no stray tags from the input.
        expect(xml.match(/</g)?.length).toBe(9)
        // eslint-disable-next-line no-control-regex
        expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/)
      })
    )
  })
})

describe('checksToJUnitSuite', () => {
  it('maps fail → failure, skip → skipped, warn and pass → passing cases', () => {
    const suite = checksToJUnitSuite('Check my Receiver', [
      { id: 'a', title: 'A', rule: 'SSF §1', status: 'pass', detail: 'fine' },
      { id: 'b', title: 'B', rule: 'SSF §2', status: 'warn', detail: 'hmm' },
      { id: 'c', title: 'C', rule: 'SSF §3', status: 'fail', detail: 'no', exchange_id: 7 },
      { id: 'd', title: 'D', rule: 'SSF §4', status: 'skip', detail: 'n/a' }
    ])
    expect(suite.cases.map((c) => c.outcome)).toEqual(['pass', 'pass', 'fail', 'skip'])
    expect(suite.cases[1]?.detail).toBe('warning: SSF §2: hmm')
    expect(suite.cases[2]).toMatchObject({ message: 'no', detail: 'SSF §3: no (exchange 7)' })
  })
})
