/**
 * The control API's route table (`src/main/api/router.ts`) is the whole `/api`: every listed
 * route is served (its answer is never the "no endpoint" 404), no method and path is listed twice,
 * and a path it does not list is the JSON 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiRoutes } from '../../../src/main/api/router'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'

let engine: TestEngine
beforeAll(async () => {
  engine = await startTestEngine()
})
afterAll(() => engine.stop())

function table() {
  const { services, ...infra } = engine.core.ctx
  return apiRoutes({ infra, services })
}

/** A concrete path for a route pattern: every parameter becomes an id nothing has. */
const concrete = (path: string): string => `/api${path.replace(/:\w+/g, 'no-such-id')}`

describe('the control-API route table', () => {
  it('lists each method and path once', () => {
    const keys = table().map((r) => `${r.method} ${r.path}`)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('serves every route it lists', async () => {
    // GET /api/live is a never-ending event stream; its own tests read it.
    const routes = table().filter((r) => r.path !== '/live')
    for (const r of routes) {
      const method = r.method.toUpperCase()
      const res = await engine.call(method, concrete(r.path), method === 'GET' ? undefined : {})
      const text = await res.text()
      expect(text, `${method} ${r.path}`).not.toContain('"no endpoint ')
      expect(res.status, `${method} ${r.path}`).toBeLessThan(500)
    }
  })

  it('answers a path it does not list with the JSON 404', async () => {
    const res = await engine.call('GET', '/api/no-such-resource')
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({
      err: 'not_found',
      description: 'no endpoint GET /no-such-resource'
    })
  })
})
