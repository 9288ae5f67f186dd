/** `add_subject_endpoint`: 200 with an empty body. @see SSF 1.0 §8.1.3.2 */
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { createStream, expectError } from './fixtures'

let engine: TestEngine
beforeAll(async () => {
  engine = await startTestEngine()
  // A proprietary format is accepted once declared (issue 15: undeclared ones are a 400).
  await engine.call('POST', '/api/subject-formats', { name: 'x-vendor' })
})
afterAll(() => engine.stop())

const subjectsOf = (id: string) => engine.core.ctx.repos.streams.listSubjects(id)

describe('200 OK', () => {
  test.each([
    { format: 'email', email: 'alex@corp.example' },
    { format: 'iss_sub', iss: 'https://idp.example/', sub: 'u-1' },
    { format: 'opaque', id: 'abc' },
    { format: 'phone_number', phone_number: '+14155550123' },
    { format: 'account', uri: 'acct:alex@corp.example' },
    { format: 'did', url: 'did:example:123' },
    { format: 'uri', uri: 'https://corp.example/u/1' },
    { format: 'jwt_id', iss: 'https://idp.example/', jti: 'j1' },
    { format: 'saml_assertion_id', issuer: 'https://idp.example/', assertion_id: '_a1' },
    { format: 'ip-addresses', 'ip-addresses': ['192.0.2.10', '2001:db8::7'] },
    {
      format: 'aliases',
      identifiers: [
        { format: 'email', email: 'a@example.com' },
        { format: 'opaque', id: 'x' }
      ]
    },
    {
      format: 'complex',
      user: { format: 'iss_sub', iss: 'https://idp.example/', sub: 'u-1' },
      tenant: { format: 'opaque', id: 't1' }
    },
    { format: 'x-vendor', anything: 1 }
  ])('adds $format with an empty body', async (subject) => {
    const s = await createStream(engine)
    const res = await engine.call('POST', '/ssf/subjects:add', { stream_id: s.stream_id, subject })
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(await res.text()).toBe('')
    expect(subjectsOf(s.stream_id)).toMatchObject([{ subject, verified: true }])
  })

  it('records verified: false, and adding twice keeps one entry with the latest flag', async () => {
    const s = await createStream(engine)
    const subject = { format: 'email', email: 'v@example.com' }
    const add = (verified?: boolean) =>
      engine.call('POST', '/ssf/subjects:add', {
        stream_id: s.stream_id,
        subject,
        ...(verified === undefined ? {} : { verified })
      })
    expect((await add(false)).status).toBe(200)
    expect(subjectsOf(s.stream_id)).toMatchObject([{ subject, verified: false }])
    expect((await add()).status).toBe(200)
    expect(subjectsOf(s.stream_id)).toMatchObject([{ subject, verified: true }])
    // Member order does not make a different subject.
    expect(
      (
        await engine.call('POST', '/ssf/subjects:add', {
          stream_id: s.stream_id,
          subject: { email: 'v@example.com', format: 'email' }
        })
      ).status
    ).toBe(200)
    expect(subjectsOf(s.stream_id)).toHaveLength(1)
  })
})

describe('400 Bad Request', () => {
  test.each([
    { name: 'no subject', body: {} },
    { name: 'subject null', body: { subject: null } },
    { name: 'subject as a string', body: { subject: 'alex@corp.example' } },
    { name: 'subject as an array', body: { subject: [] } },
    { name: 'no format', body: { subject: { email: 'a@b.c' } } },
    { name: 'email without @', body: { subject: { format: 'email', email: 'nope' } } },
    { name: 'email missing', body: { subject: { format: 'email' } } },
    {
      name: 'phone not E.164',
      body: { subject: { format: 'phone_number', phone_number: '555 0123' } }
    },
    { name: 'iss_sub without sub', body: { subject: { format: 'iss_sub', iss: 'https://i/' } } },
    { name: 'opaque with numeric id', body: { subject: { format: 'opaque', id: 7 } } },
    { name: 'empty complex', body: { subject: { format: 'complex' } } },
    {
      name: 'nested complex',
      body: {
        subject: {
          format: 'complex',
          user: { format: 'complex', x: { format: 'opaque', id: 'a' } }
        }
      }
    },
    {
      name: 'verified as a string',
      body: { subject: { format: 'opaque', id: 'a' }, verified: 'yes' }
    }
  ])('$name', async ({ body }) => {
    const s = await createStream(engine)
    await expectError(
      await engine.call('POST', '/ssf/subjects:add', { stream_id: s.stream_id, ...body }),
      400,
      'invalid_request'
    )
    expect(subjectsOf(s.stream_id)).toEqual([])
  })

  it('without stream_id', async () => {
    await expectError(
      await engine.call('POST', '/ssf/subjects:add', { subject: { format: 'opaque', id: 'a' } }),
      400,
      'invalid_request'
    )
  })
})

it('unknown stream → 404', async () => {
  await expectError(
    await engine.call('POST', '/ssf/subjects:add', {
      stream_id: 'st_nope',
      subject: { format: 'opaque', id: 'a' }
    }),
    404,
    'not_found'
  )
})
