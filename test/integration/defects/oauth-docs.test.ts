/**
 * Issue 15, item 8: `docs/oauth.md` must agree with the server. Each row of its table "What the
 * management API answers" that a plain request can reproduce is replayed against a real engine,
 * and the status the row documents must be the status the server answers.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'

let e: TestEngine
beforeAll(async () => {
  e = await startTestEngine()
})
afterAll(() => e.stop())

const doc = readFileSync(new URL('../../../docs/oauth.md', import.meta.url), 'utf8')
const section = doc.split('## What the management API answers')[1]?.split('\n## ')[0] ?? ''
/** Situation → documented status (the first `NNN` in the answer column). */
const documented = new Map(
  section
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| Situation') && !l.startsWith('| ---'))
    .map((l) => l.split('|').map((c) => c.trim()))
    .map(([, situation, answer]) => [situation ?? '', Number(/`(\d{3})`/.exec(answer ?? '')?.[1])])
)

/** How to reproduce a situation with a plain request (`token` is a valid admin token). */
const requests: [RegExp, (token: string) => [string, Record<string, string>]][] = [
  [/^no `Authorization` header$/, () => ['/ssf/streams', {}]],
  [/unknown token/, () => ['/ssf/streams', { Authorization: 'Bearer not-a-token' }]],
  [/query string.*alone/, (t) => [`/ssf/streams?access_token=${t}`, {}]],
  [
    /query string next to an `Authorization` header/,
    (t) => [`/ssf/streams?access_token=${t}`, { Authorization: `Bearer ${t}` }]
  ]
]

describe('docs/oauth.md agrees with the server', () => {
  it('documents both query-string cases', () => {
    const situations = [...documented.keys()]
    for (const [pattern] of requests)
      expect(
        situations.some((s) => pattern.test(s)),
        `no row for ${String(pattern)}`
      ).toBe(true)
  })

  it.each(requests.map(([p, r]) => [String(p), p, r] as const))(
    'row %s: the documented status is the real one',
    async (_name, pattern, request) => {
      const row = [...documented.entries()].find(([s]) => pattern.test(s))
      expect(row, 'row missing').toBeDefined()
      const [path, headers] = request(e.token)
      const res = await fetch(`${e.url}${path}`, { headers })
      expect(res.status, `${row![0]}`).toBe(row![1])
    }
  )
})
