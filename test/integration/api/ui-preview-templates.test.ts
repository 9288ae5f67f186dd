/** `POST /api/events/preview` and `/api/templates`: the Fire screen's helpers. */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'

const SESSION_REVOKED = 'https://schemas.openid.net/secevent/caep/event-type/session-revoked'
const CREDENTIAL_CHANGE = 'https://schemas.openid.net/secevent/caep/event-type/credential-change'

interface Preview {
  header: Record<string, unknown>
  payload: Record<string, unknown>
  stream_id?: string
  findings: { path: string; rule: string; message: string; severity: string }[]
}

let engine: TestEngine
beforeAll(async () => {
  engine = await startTestEngine()
})
afterAll(() => engine.stop())

async function preview(body: unknown): Promise<{ status: number; json: Preview }> {
  const res = await engine.call('POST', '/api/events/preview', body)
  return { status: res.status, json: (await res.json()) as Preview }
}

describe('POST /api/events/preview', () => {
  it('builds the SET for a placeholder stream with no errors for a valid event', async () => {
    const { status, json } = await preview({
      type: SESSION_REVOKED,
      subject: { format: 'email', email: 'a@example.com' },
      claims: { event_timestamp: 1_700_000_000 }
    })
    expect(status).toBe(200)
    expect(json.header).toMatchObject({ typ: 'secevent+jwt' })
    expect(typeof json.header.kid).toBe('string')
    expect(json.payload).toMatchObject({
      iss: engine.url,
      sub_id: { format: 'email', email: 'a@example.com' },
      events: { [SESSION_REVOKED]: { event_timestamp: 1_700_000_000 } }
    })
    expect(json.payload.exp).toBeUndefined()
    expect(json.findings.filter((f) => f.severity === 'error')).toEqual([])
    expect(json.stream_id).toBeUndefined()
  })

  it('uses the audience of the chosen stream', async () => {
    const created = await engine.call('POST', '/api/streams', {
      delivery: { method: 'urn:ietf:rfc:8936' },
      events_requested: [SESSION_REVOKED]
    })
    const stream = (await created.json()) as { config: { stream_id: string; aud: string } }
    const { json } = await preview({
      type: SESSION_REVOKED,
      subject: { format: 'email', email: 'a@example.com' },
      stream_ids: [stream.config.stream_id]
    })
    expect(json.stream_id).toBe(stream.config.stream_id)
    expect(json.payload.aud).toBe(stream.config.aud)
  })

  it('names the path and rule of a broken claim, and stores nothing', async () => {
    const before = await engine.call('GET', '/api/streams')
    const { status, json } = await preview({
      type: CREDENTIAL_CHANGE,
      subject: { format: 'email', email: 'a@example.com' },
      claims: { credential_type: 'password', change_type: 'exploded' }
    })
    expect(status).toBe(200)
    const finding = json.findings.find(
      (f) => f.severity === 'error' && f.path.includes('change_type')
    )
    expect(finding?.rule).toMatch(/CAEP/)
    expect(finding?.message).toMatch(/exploded/)
    expect((await engine.call('GET', '/api/streams')).status).toBe(before.status)
  })

  it('reports a malformed subject as a finding instead of failing', async () => {
    const { status, json } = await preview({
      type: SESSION_REVOKED,
      subject: { format: 'email' },
      claims: {}
    })
    expect(status).toBe(200)
    expect(json.findings.some((f) => f.severity === 'error' && /email/.test(f.path))).toBe(true)
  })

  test.each([
    ['not an object', [1, 2], 400],
    ['claims not an object', { type: SESSION_REVOKED, subject: {}, claims: 'x' }, 400],
    ['unknown member', { type: SESSION_REVOKED, subject: {}, extra: 1 }, 400],
    ['unknown stream', { type: SESSION_REVOKED, subject: {}, stream_id: 'nope' }, 404]
  ])('%s → %s', async (_label, body, status) => {
    const res = await engine.call('POST', '/api/events/preview', body)
    expect(res.status).toBe(status)
    expect(await res.json()).toHaveProperty('err')
  })
})

describe('bad input never crashes', () => {
  // Its own engine: the templates this saves must not show up in the other tests' lists.
  let own: TestEngine
  beforeAll(async () => {
    own = await startTestEngine()
  })
  afterAll(() => own.stop())

  it('preview and templates answer 200/201/400/404 with JSON for any JSON body', async () => {
    const claimsLike = fc.dictionary(fc.string(), fc.jsonValue())
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          name: fc.string(),
          type: fc.oneof(fc.constant(SESSION_REVOKED), fc.string()),
          subject: fc.oneof(fc.jsonValue(), fc.record({ format: fc.string() })),
          claims: fc.oneof(claimsLike, fc.jsonValue()),
          stream_ids: fc.array(fc.string()),
          allow_invalid: fc.boolean()
        },
        { requiredKeys: [] }
      )
    )
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.constantFrom('/api/events/preview', '/api/templates'),
        async (b, path) => {
          const res = await own.call('POST', path, b)
          expect([200, 201, 400, 404]).toContain(res.status)
          await res.json()
        }
      ),
      { numRuns: 60 }
    )
  })
})

describe('/api/templates', () => {
  const template = {
    name: 'Revoke alice',
    type: SESSION_REVOKED,
    subject: { format: 'email', email: 'alice@example.com' },
    claims: { reason_admin: { en: 'test' } },
    stream_ids: ['s1']
  }

  it('saves, lists, replaces by name and deletes', async () => {
    const res = await engine.call('POST', '/api/templates', template)
    expect(res.status).toBe(201)
    const saved = (await res.json()) as { template_id: string }
    expect(saved).toMatchObject(template)
    const again = (await (
      await engine.call('POST', '/api/templates', { ...template, claims: {} })
    ).json()) as { template_id: string }
    expect(again.template_id).toBe(saved.template_id)
    const list = (await (await engine.call('GET', '/api/templates')).json()) as unknown[]
    expect(list).toEqual([expect.objectContaining({ name: 'Revoke alice', claims: {} })])
    expect((await engine.call('DELETE', `/api/templates/${saved.template_id}`)).status).toBe(204)
    expect((await engine.call('DELETE', `/api/templates/${saved.template_id}`)).status).toBe(404)
    expect(await (await engine.call('GET', '/api/templates')).json()).toEqual([])
  })

  it('skips a stored row that no longer parses instead of failing the list', async () => {
    engine.core.ctx.db
      .prepare(
        'INSERT INTO fire_templates (template_id, name, body, created_at, updated_at) VALUES (?, ?, ?, 0, 0)'
      )
      .run('broken', 'broken', '{not json')
    await engine.call('POST', '/api/templates', template)
    const res = await engine.call('GET', '/api/templates')
    expect(res.status).toBe(200)
    expect(((await res.json()) as { name: string }[]).map((t) => t.name)).toEqual(['Revoke alice'])
  })

  test.each([
    ['empty name', { ...template, name: ' ' }],
    ['subject without format', { ...template, subject: { email: 'x' } }],
    ['no type', { name: 'x', subject: template.subject }],
    ['unknown member', { ...template, surprise: true }]
  ])('%s → 400', async (_label, body) => {
    const res = await engine.call('POST', '/api/templates', body)
    expect(res.status).toBe(400)
  })
})
