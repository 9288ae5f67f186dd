import { spawn, type ChildProcess } from 'node:child_process'
import { rmSync } from 'node:fs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startTestEngine, tempDataDir, type TestEngine } from '../helpers/bootstrap'
import { POLL, SESSION_REVOKED, createStream, fire, fireOk } from './helpers'

describe('POST /api/events', () => {
  let engine: TestEngine
  let streamId: string
  beforeAll(async () => {
    engine = await startTestEngine()
    streamId = (await createStream(engine, { method: POLL })).stream_id
  })
  afterAll(() => engine.stop())

  it.each([
    ['a URI', SESSION_REVOKED],
    ['a CAEP name', 'caep.session-revoked'],
    ['a RISC name', 'risc.account-disabled'],
    ['an SSF name', 'ssf.verification']
  ])('accepts the event type as %s', async (_what, type) => {
    const r = await fire(engine, { type, subject: { format: 'opaque', id: 'u-1' } })
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({
      sets: [{ stream_id: streamId, jti: expect.any(String), state: 'queued' }],
      findings: expect.any(Array)
    })
  })

  it.each([
    [
      'an unknown URI',
      { type: 'https://example.com/event', subject: { format: 'opaque', id: 'x' } }
    ],
    ['an unknown name', { type: 'caep.nope', subject: { format: 'opaque', id: 'x' } }],
    [
      'a prototype member name',
      { type: 'caep.constructor', subject: { format: 'opaque', id: 'x' } }
    ],
    ['an empty type', { type: '', subject: { format: 'opaque', id: 'x' } }],
    ['no subject', { type: 'caep.session-revoked' }],
    ['a subject without format', { type: 'caep.session-revoked', subject: { email: 'a@b.c' } }],
    [
      'a malformed email subject',
      { type: 'caep.session-revoked', subject: { format: 'email', email: 'nope' } }
    ],
    ['a subject that is a string', { type: 'caep.session-revoked', subject: 'a@b.c' }],
    [
      'claims that are an array',
      { type: 'caep.session-revoked', subject: { format: 'opaque', id: 'x' }, claims: [] }
    ],
    [
      'an unknown member',
      { type: 'caep.session-revoked', subject: { format: 'opaque', id: 'x' }, extra: 1 }
    ],
    [
      'stream_ids not an array',
      { type: 'caep.session-revoked', subject: { format: 'opaque', id: 'x' }, stream_ids: 'st' }
    ]
  ])('400 invalid_request for %s', async (_what, body) => {
    const r = await fire(engine, body)
    expect(r.status).toBe(400)
    expect(r.body).toMatchObject({ err: 'invalid_request', description: expect.any(String) })
  })

  it('names the subject member at fault', async () => {
    const r = await fire(engine, {
      type: 'caep.session-revoked',
      subject: { format: 'phone_number', phone_number: '555 1234' }
    })
    expect(r.body.description).toContain('subject.phone_number')
  })

  it('404 for an unknown stream id', async () => {
    const r = await fire(engine, {
      type: 'caep.session-revoked',
      subject: { format: 'opaque', id: 'x' },
      stream_ids: ['st_missing']
    })
    expect(r.status).toBe(404)
    expect(r.body).toMatchObject({ err: 'not_found' })
  })

  it('needs the simulator token', async () => {
    const res = await fetch(`${engine.url}/api/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}'
    })
    expect(res.status).toBe(401)
  })
})

describe('stream selection', () => {
  let engine: TestEngine | undefined
  afterEach(async () => {
    await engine?.stop()
    engine = undefined
  })

  it('with default_subjects NONE only streams holding the subject get a SET', async () => {
    const e = (engine = await startTestEngine({ defaultSubjects: 'NONE' }))
    const a = await createStream(e, { method: POLL })
    const b = await createStream(e, { method: POLL })
    const subject = {
      format: 'complex',
      user: { format: 'email', email: 'dana@corp.example' },
      device: { format: 'opaque', id: 'd-1' }
    }
    const add = await e.call('POST', '/ssf/subjects:add', {
      stream_id: a.stream_id,
      subject: { format: 'email', email: 'dana@corp.example' }
    })
    expect(add.status).toBe(200)
    const r = await fire(e, { type: 'caep.session-revoked', subject })
    expect(r.body.sets).toEqual([
      { stream_id: a.stream_id, jti: expect.any(String), state: 'queued' }
    ])
    const none = await fire(e, {
      type: 'caep.session-revoked',
      subject: { format: 'email', email: 'other@corp.example' }
    })
    expect(none).toEqual({ status: 201, body: { sets: [], findings: [] } })
    expect(b.stream_id).not.toBe(a.stream_id)
  })

  it('skips streams whose events_delivered lacks the type, and honours stream_ids', async () => {
    const e = (engine = await startTestEngine())
    const only = await createStream(e, { method: POLL }, { events_requested: [SESSION_REVOKED] })
    const all = await createStream(e, { method: POLL })
    const disabled = await fire(e, {
      type: 'risc.account-disabled',
      subject: { format: 'opaque', id: 'x' }
    })
    expect((disabled.body.sets as { stream_id: string }[]).map((s) => s.stream_id)).toEqual([
      all.stream_id
    ])
    const targeted = await fireOk(e, 'a@b.example', { stream_ids: [only.stream_id] })
    expect(targeted.map((s) => s.stream_id)).toEqual([only.stream_id])
  })
})

describe('ssf-sim fire (CLI)', () => {
  const dataDir = tempDataDir()
  let server: ChildProcess
  let url: string
  const token = 'cli-test-token-123'
  const entry = 'src/main/headless.ts'

  function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
        env: { ...process.env, SSF_SIM_TOKEN: '' }
      })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
      child.on('close', (code) => resolve({ code, stdout, stderr }))
    })
  }

  beforeAll(async () => {
    server = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        entry,
        'serve',
        '--port',
        '0',
        '--data-dir',
        dataDir,
        '--token',
        token,
        '-q'
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] }
    )
    url = await new Promise<string>((resolve, reject) => {
      let out = ''
      server.stdout!.on('data', (c: Buffer) => {
        out += c.toString()
        const m = /listening on (http:\/\/\S+)/.exec(out)
        if (m?.[1]) resolve(m[1])
      })
      server.on('exit', (code) => reject(new Error(`server exited ${code}`)))
    })
    const res = await fetch(`${url}/ssf/streams`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ delivery: { method: POLL } })
    })
    expect(res.status).toBe(201)
  })
  afterAll(async () => {
    const exited = new Promise((resolve) => server.once('exit', resolve))
    server.kill('SIGTERM')
    await exited
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('fires an event and prints the SETs made', async () => {
    const r = await run([
      'fire',
      '--url',
      url,
      '--token',
      token,
      '--type',
      'caep.session-revoked',
      '--subject',
      '{"format":"email","email":"a@b.c"}',
      '--claims',
      '{"event_timestamp":1}',
      '--txn',
      'cli-1'
    ])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as { sets: { stream_id: string; jti: string }[] }
    expect(out.sets).toHaveLength(1)
  })

  it('exits 1 with the server description on a bad request', async () => {
    const r = await run([
      'fire',
      '--url',
      url,
      '--token',
      token,
      '--type',
      'caep.nope',
      '--subject',
      '{"format":"email","email":"a@b.c"}'
    ])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(
      /HTTP 400: invalid event: type: "caep.nope" is not a catalog event type/
    )
  })

  it('exits 2 with usage on missing flags', async () => {
    const r = await run(['fire', '--url', url, '--token', token])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/fire needs --type/)
  })
})
