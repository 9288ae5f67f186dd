import { afterAll, beforeAll, describe, expect, it, test } from 'vitest'
import { BUILTIN_EVENT_TYPE_URIS, type EventTypeEntry } from '../../../src/shared/ssf'
import { startTestEngine, tempDataDir, type TestEngine } from '../helpers/bootstrap'

const DOOR = {
  uri: 'https://corp.example/events/door-opened',
  title: 'Door opened',
  description: 'A badge opened a door.',
  schema: {
    type: 'object',
    properties: {
      door: { type: 'string', minLength: 1 },
      floor: { type: 'integer', minimum: 0 }
    },
    required: ['door']
  }
}

const POLL = { delivery: { method: 'urn:ietf:rfc:8936' } }

async function createStream(engine: TestEngine): Promise<{ events_supported: string[] }> {
  const res = await engine.call('POST', '/ssf/streams', POLL)
  expect(res.status).toBe(201)
  return (await res.json()) as { events_supported: string[] }
}

describe('/api/event-types', () => {
  let engine: TestEngine
  beforeAll(async () => {
    engine = await startTestEngine()
  })
  afterAll(() => engine.stop())

  it('lists the whole built-in catalog with claims, examples and form metadata', async () => {
    const res = await engine.call('GET', '/api/event-types')
    expect(res.status).toBe(200)
    const list = (await res.json()) as EventTypeEntry[]
    expect(list.map((e) => e.uri)).toEqual([...BUILTIN_EVENT_TYPE_URIS])
    const cc = list.find((e) => e.name === 'caep.credential-change')
    expect(cc?.claims.find((c) => c.name === 'change_type')).toMatchObject({
      requirement: 'required',
      enum: ['create', 'revoke', 'update', 'delete'],
      form: { kind: 'select' }
    })
  })

  test.each([
    ['no body', undefined, 400],
    ['array body', [], 400],
    ['missing schema', { uri: 'https://corp.example/e/1', title: 'x' }, 400],
    ['relative uri', { ...DOOR, uri: '/events/door' }, 400],
    ['ftp uri', { ...DOOR, uri: 'ftp://corp.example/e' }, 400],
    ['uri with spaces', { ...DOOR, uri: 'https://corp.example/a b' }, 400],
    ['empty title', { ...DOOR, title: ' ' }, 400],
    ['unsupported keyword', { ...DOOR, schema: { type: 'object', oneOf: [] } }, 400],
    ['non-object payload schema', { ...DOOR, schema: { type: 'string' } }, 400],
    ['unknown member', { ...DOOR, extra: 1 }, 400],
    [
      'built-in URI',
      { ...DOOR, uri: 'https://schemas.openid.net/secevent/caep/event-type/session-revoked' },
      409
    ]
  ])('POST with %s → %i', async (_name, body, status) => {
    const res = await engine.call('POST', '/api/event-types', body)
    expect(res.status).toBe(status)
    const err = (await res.json()) as { err: string; description: string }
    expect(err.err).toBe(status === 409 ? 'conflict' : 'invalid_request')
    expect(err.description.length).toBeGreaterThan(0)
  })

  it('names the schema member at fault', async () => {
    const res = await engine.call('POST', '/api/event-types', {
      ...DOOR,
      schema: { type: 'object', properties: { door: { type: 'text' } } }
    })
    expect(((await res.json()) as { description: string }).description).toContain(
      'schema.properties.door.type'
    )
  })

  it('creates (201), refuses a duplicate (409) and deletes (204, then 404)', async () => {
    const res = await engine.call('POST', '/api/event-types', {
      ...DOOR,
      uri: 'urn:corp:events:temp'
    })
    expect(res.status).toBe(201)
    const entry = (await res.json()) as EventTypeEntry
    expect(entry).toMatchObject({
      uri: 'urn:corp:events:temp',
      name: 'custom.temp',
      profile: 'custom',
      title: 'Door opened',
      example: { claims: { door: 'example' } }
    })
    expect(
      (await engine.call('POST', '/api/event-types', { ...DOOR, uri: 'urn:corp:events:temp' }))
        .status
    ).toBe(409)
    expect((await engine.call('DELETE', `/api/event-types/${entry.id}`)).status).toBe(204)
    expect((await engine.call('DELETE', `/api/event-types/${entry.id}`)).status).toBe(404)
    expect((await engine.call('DELETE', '/api/event-types/nope')).status).toBe(404)
  })

  it('skips a stored row whose schema no longer parses instead of failing reads', async () => {
    engine.core.ctx.db
      .prepare(
        "INSERT INTO custom_event_types (id, uri, title, schema, created_at) VALUES ('cet_bad', 'urn:x:bad', 'Bad', '{not json', 0)"
      )
      .run()
    const res = await engine.call('GET', '/api/event-types')
    expect(res.status).toBe(200)
    const list = (await res.json()) as EventTypeEntry[]
    expect(list.some((e) => e.uri === 'urn:x:bad')).toBe(false)
    expect((await createStream(engine)).events_supported).not.toContain('urn:x:bad')
  })
})

describe('custom event types in events_supported', () => {
  it('appear in a new stream, in existing streams, and survive a restart', async () => {
    const dataDir = tempDataDir()
    let engine = await startTestEngine({}, dataDir)
    try {
      const before = await createStream(engine)
      expect(before.events_supported).toEqual([...BUILTIN_EVENT_TYPE_URIS])

      const res = await engine.call('POST', '/api/event-types', DOOR)
      expect(res.status).toBe(201)
      const entry = (await res.json()) as EventTypeEntry

      const stream = await createStream(engine)
      expect(stream.events_supported).toEqual([...BUILTIN_EVENT_TYPE_URIS, DOOR.uri])

      await engine.stop(false)
      engine = await startTestEngine({}, dataDir)

      const after = await createStream(engine)
      expect(after.events_supported).toEqual([...BUILTIN_EVENT_TYPE_URIS, DOOR.uri])
      const list = (await (await engine.call('GET', '/api/event-types')).json()) as EventTypeEntry[]
      expect(list.at(-1)).toMatchObject({ id: entry.id, uri: DOOR.uri, schema: DOOR.schema })

      expect((await engine.call('DELETE', `/api/event-types/${entry.id}`)).status).toBe(204)
      const gone = await createStream(engine)
      expect(gone.events_supported).toEqual([...BUILTIN_EVENT_TYPE_URIS])
    } finally {
      await engine.stop()
    }
  })
})
