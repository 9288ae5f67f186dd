/**
 * One contract: every control-API answer the UI reads parses with the schema declared in
 * `src/shared/api` (the same schema the renderer checks it with), against a real engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { clientSummariesSchema, createClientResponseSchema } from '../../../src/shared/api/clients'
import { exportedSetSchema, streamDeliveriesSchema } from '../../../src/shared/api/deliveries'
import { consentViewSchema, consentViewsSchema } from '../../../src/shared/api/consents'
import {
  eventPreviewSchema,
  fireEventResponseSchema,
  fireTemplateSchema,
  fireTemplatesSchema
} from '../../../src/shared/api/events'
import {
  createOAuthClientResponseSchema,
  oauthClientViewsSchema
} from '../../../src/shared/api/oauth'
import {
  inboxSchema,
  pollResultViewSchema,
  receiverOperationResultSchema,
  receiverViewSchema,
  receiverViewsSchema
} from '../../../src/shared/api/receivers'
import { sessionInfoSchema } from '../../../src/shared/api/session'
import { streamViewSchema, streamViewsSchema } from '../../../src/shared/api/streams'
import { tenantViewSchema, tenantViewsSchema } from '../../../src/shared/api/tenants'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'

let engine: TestEngine
beforeAll(async () => {
  engine = await startTestEngine()
})
afterAll(() => engine.stop())

/** Call the control API and parse its answer strictly (no member is dropped or invented). */
async function answer<S extends z.ZodType>(
  schema: S,
  method: string,
  path: string,
  body?: unknown,
  status = 200
): Promise<z.infer<S>> {
  const res = await engine.call(method, path, body)
  expect(res.status, `${method} ${path}`).toBe(status)
  const json: unknown = await res.json()
  const parsed = schema.safeParse(json)
  expect(parsed.error?.issues, `${method} ${path}`).toBeUndefined()
  expect(parsed.data, `${method} ${path}: the schema keeps every member`).toEqual(json)
  return parsed.data as z.infer<S>
}

const SUBJECT = { format: 'email', email: 'ann@example.com' }

describe('the control API answers with its shared schemas', () => {
  it('session, clients, tenants, oauth clients', async () => {
    await answer(sessionInfoSchema, 'GET', '/api/session')
    await answer(createClientResponseSchema, 'POST', '/api/clients', { name: 'app' }, 201)
    await answer(clientSummariesSchema, 'GET', '/api/clients')
    await answer(tenantViewSchema, 'POST', '/api/tenants', { tenant_id: 'acme' }, 201)
    await answer(tenantViewsSchema, 'GET', '/api/tenants')
    await answer(
      createOAuthClientResponseSchema,
      'POST',
      '/api/oauth/clients',
      { name: 'rx', scope: 'ssf.read ssf.manage' },
      201
    )
    await answer(oauthClientViewsSchema, 'GET', '/api/oauth/clients')
  })

  it('streams, consents, a fire, its preview and templates', async () => {
    const created = await answer(
      streamViewSchema,
      'POST',
      '/api/streams',
      { delivery: { method: 'urn:ietf:rfc:8936' }, description: 'contract' },
      201
    )
    const id = created.config.stream_id
    expect(
      (await engine.call('POST', `/api/streams/${id}/subjects`, { subject: SUBJECT })).status
    ).toBe(204)
    await answer(streamViewSchema, 'GET', `/api/streams/${id}`)
    await answer(streamViewsSchema, 'GET', '/api/streams')
    await answer(consentViewSchema, 'POST', '/api/consents', { subject: SUBJECT }, 201)
    await answer(consentViewsSchema, 'GET', '/api/consents')
    const fired = await answer(
      fireEventResponseSchema,
      'POST',
      '/api/events',
      { type: 'caep.session-revoked', subject: SUBJECT, claims: { event_timestamp: 1 } },
      201
    )
    expect(fired.sets.map((s) => s.stream_id)).toContain(id)
    const form = { type: 'caep.session-revoked', subject: SUBJECT, claims: { event_timestamp: 1 } }
    await answer(eventPreviewSchema, 'POST', '/api/events/preview', { ...form, stream_id: id })
    await answer(fireTemplateSchema, 'POST', '/api/templates', { ...form, name: 'revoke' }, 201)
    await answer(fireTemplatesSchema, 'GET', '/api/templates')
    const deliveries = await answer(streamDeliveriesSchema, 'GET', '/api/deliveries/streams')
    expect(deliveries.find((d) => d.stream_id === id)?.last?.jti).toBe(fired.sets[0]?.jti)
    const res = await engine.call('GET', `/api/sets/export.ndjson?stream_id=${id}`)
    const lines = (await res.text()).trim().split('\n')
    expect(lines).toHaveLength(1)
    for (const line of lines) {
      const json: unknown = JSON.parse(line)
      expect(exportedSetSchema.parse(json)).toEqual(json)
    }
  })

  it('receivers: registration, a remote stream, a poll and the inbox', async () => {
    const rx = await answer(
      receiverViewSchema,
      'POST',
      '/api/receivers',
      { issuer: engine.url, audience: 'contract', transmitter_token: engine.token },
      201
    )
    await answer(receiverViewsSchema, 'GET', '/api/receivers')
    await answer(receiverOperationResultSchema, 'POST', `/api/receivers/${rx.receiver_id}/stream`, {
      delivery: 'poll'
    })
    await answer(receiverViewSchema, 'GET', `/api/receivers/${rx.receiver_id}`)
    await answer(pollResultViewSchema, 'POST', `/api/receivers/${rx.receiver_id}/poll`, {})
    await answer(inboxSchema, 'GET', `/api/receivers/${rx.receiver_id}/inbox`)
  })
})
