/**
 * Issue 15, item 3: add-subject refuses an unknown `format` with a 400 that names the known
 * formats (a typo no longer means "no events" in silence); a private format can be declared,
 * the way custom event types are, and is then accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { POLL, createStream } from '../delivery/helpers'

let e: TestEngine
let id: string
beforeAll(async () => {
  e = await startTestEngine()
  id = (await createStream(e, { method: POLL })).stream_id
})
afterAll(() => e.stop())

const add = (subject: unknown) => e.call('POST', '/ssf/subjects:add', { stream_id: id, subject })

describe('subject formats at add-subject', () => {
  it.each([
    { format: 'emial', email: 'a@b.c' },
    { format: 'x' },
    { format: 'aliases', identifiers: [{ format: 'emial', email: 'a@b.c' }] },
    { format: 'complex', user: { format: 'opaqe', id: '1' } }
  ])('%j → 400 naming the known formats', async (subject) => {
    const res = await add(subject)
    expect(res.status).toBe(400)
    const body = (await res.json()) as { err: string; description: string }
    expect(body.err).toBe('invalid_request')
    expect(body.description).toMatch(/unknown subject format/)
    for (const known of ['email', 'phone_number', 'iss_sub', 'opaque', 'aliases', 'complex'])
      expect(body.description).toContain(known)
  })

  it('registered, SSF-defined and legacy formats are still accepted', async () => {
    for (const subject of [
      { format: 'email', email: 'a@b.c' },
      { format: 'ip-addresses', 'ip-addresses': ['10.0.0.1'] },
      { format: 'phone', phone_number: '+14155550123' }
    ])
      expect((await add(subject)).status, JSON.stringify(subject)).toBeLessThan(300)
  })

  it('a declared private format is accepted, listed, and refused again once deleted', async () => {
    const subject = { format: 'x-employee', id: '7' }
    expect((await add(subject)).status).toBe(400)
    const declared = await e.call('POST', '/api/subject-formats', {
      name: 'x-employee',
      description: 'our HR id'
    })
    expect(declared.status).toBe(201)
    expect(await declared.json()).toMatchObject({ name: 'x-employee', builtin: false })
    expect((await add(subject)).status).toBeLessThan(300)
    const listed = (await (await e.call('GET', '/api/subject-formats')).json()) as {
      name: string
      builtin: boolean
    }[]
    expect(listed).toContainEqual(expect.objectContaining({ name: 'email', builtin: true }))
    expect(listed).toContainEqual(expect.objectContaining({ name: 'x-employee', builtin: false }))
    expect((await e.call('DELETE', '/api/subject-formats/x-employee')).status).toBe(204)
    expect((await add(subject)).status).toBe(400)
  })

  it.each([
    [{ name: 'email' }, 409],
    [{ name: '' }, 400],
    [{ name: 'has space' }, 400],
    [{ name: 'ok', extra: 1 }, 400]
  ])('declaring %j → %i', async (body, status) => {
    expect((await e.call('POST', '/api/subject-formats', body)).status).toBe(status)
  })

  it('declaring the same private format twice → 409; deleting an unknown one → 404', async () => {
    expect((await e.call('POST', '/api/subject-formats', { name: 'dup' })).status).toBe(201)
    expect((await e.call('POST', '/api/subject-formats', { name: 'dup' })).status).toBe(409)
    expect((await e.call('DELETE', '/api/subject-formats/nope')).status).toBe(404)
  })
})
