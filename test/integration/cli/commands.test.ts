/**
 * Every `ssf-sim` command: `--help` explains it with an example, and one real call with `--json`
 * against a running `serve` (started from a config file). Exit codes: 0 ok, 1 failed, 2 usage.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  TX_TOKEN,
  startTestTransmitter,
  type TestTransmitter
} from '../receiver/helpers/test-transmitter'
import { built, cleanEnv, cli, serveCli, startCli, type CliRun } from './helpers/cli'
import { junitSchemaErrors } from './junit-schema'

const COMMANDS = [
  [],
  ['serve'],
  ['fire'],
  ['ca'],
  ['streams'],
  ['streams', 'ls'],
  ['streams', 'get'],
  ['streams', 'create'],
  ['streams', 'status'],
  ['streams', 'verify'],
  ['streams', 'rm'],
  ['subjects', 'add'],
  ['subjects', 'rm'],
  ['receivers', 'add'],
  ['receivers', 'ls'],
  ['receivers', 'inbox'],
  ['receivers', 'check'],
  ['check', 'receiver'],
  ['check', 'transmitter'],
  ['traffic', 'tail'],
  ['traffic', 'export'],
  ['replay'],
  ['faults', 'set'],
  ['faults', 'clear'],
  ['keys', 'rotate'],
  ['scenario', 'run']
]

const ADMIN = 'admin-token-0001'
const APP_TOKEN = 'ci-app-token-0001'
const AUDIENCE = 'https://cli.test'
const dir = mkdtempSync(join(tmpdir(), 'ssf-sim-cli-commands-'))
const dataDir = join(dir, 'data')
const configFile = join(dir, 'ssf-sim.config.yaml')
let server: Awaited<ReturnType<typeof serveCli>>
let tx: TestTransmitter

/** Run a client command against the server; `--json` output parsed. */
async function call(args: string[], expectCode = 0): Promise<{ run: CliRun; json: unknown }> {
  const run = await cli(
    [...args, '--url', server.url, '--json'],
    cleanEnv({ SSF_SIM_TOKEN: ADMIN })
  )
  expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code: expectCode })
  let json: unknown
  try {
    json = JSON.parse(run.stdout)
  } catch {
    json = undefined
  }
  return { run, json }
}

/** `command` and every (sub)command its `--help` lists under "Commands:", depth first. */
async function listedCommands(command: string[]): Promise<string[][]> {
  const help = (await cli([...command, '--help'])).stdout
  const section = help.split(/^Commands:$/m)[1]?.split(/\n\n/)[0] ?? ''
  const names = [...section.matchAll(/^ {2}([a-z][\w-]*)/gm)]
    .map((m) => m[1] ?? '')
    .filter((n) => n !== 'help')
  const below = await Promise.all(names.map((n) => listedCommands([...command, n])))
  return [command, ...below.flat()]
}

describe.skipIf(!built)('ssf-sim commands', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    writeFileSync(
      configFile,
      [
        'clients:',
        `  - { name: ci-app, token: ${APP_TOKEN} }`,
        'streams:',
        '  - id: main',
        '    client: ci-app',
        '    delivery: { method: poll }',
        '    events_requested: [caep.session-revoked]'
      ].join('\n')
    )
    server = await serveCli(['--data-dir', dataDir, '--token', ADMIN, '--config', configFile])
    tx = await startTestTransmitter(() => AUDIENCE)
  })
  afterAll(async () => {
    await server?.stop()
    await tx?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('--help of every command explains it with an example and exits 0', async () => {
    // The commands come from the help itself, so a new command without an example fails here.
    const commands = await listedCommands([])
    expect(commands).toEqual(expect.arrayContaining(COMMANDS))
    const runs = await Promise.all(commands.map((c) => cli([...c, '--help'])))
    runs.forEach((r, i) => {
      expect({ command: commands[i], code: r.code }).toEqual({ command: commands[i], code: 0 })
      expect(r.stdout).toMatch(/Usage: ssf-sim/)
      expect({
        command: commands[i],
        examples: r.stdout.includes('Examples:\n  $ ssf-sim')
      }).toEqual({ command: commands[i], examples: true })
    })
  }, 120_000)

  it('serve applied the config file: the client has its fixed token and its stream', async () => {
    const res = await fetch(`${server.url}/ssf/streams`, {
      headers: { Authorization: `Bearer ${APP_TOKEN}` }
    })
    expect(res.status).toBe(200)
    const streams = (await res.json()) as { description?: string }[]
    expect(streams).toHaveLength(1)
    expect(streams[0]?.description).toBe('main')
  })

  it('streams, subjects, fire, replay, faults, keys: one real call each with --json', async () => {
    // The token from the data folder, as on the machine that runs the instance.
    const viaFolder = await cli(
      ['streams', 'ls', '--url', server.url, '--data-dir', dataDir, '--json'],
      cleanEnv()
    )
    expect(viaFolder.code).toBe(0)
    expect(JSON.parse(viaFolder.stdout)).toHaveLength(1)

    const created = (
      await call(['streams', 'create', '--poll', '--events', 'caep.session-revoked'])
    ).json as { config: { stream_id: string; events_delivered: string[] } }
    const id = created.config.stream_id
    expect(created.config.events_delivered).toEqual([
      'https://schemas.openid.net/secevent/caep/event-type/session-revoked'
    ])
    expect(((await call(['streams', 'ls'])).json as unknown[]).length).toBe(2)
    expect((await call(['streams', 'get', id])).json).toMatchObject({ config: { stream_id: id } })
    await call(['streams', 'status', id, 'paused', '--reason', 'cli test'])
    expect((await call(['streams', 'status', id])).json).toMatchObject({ status: 'paused' })
    await call(['streams', 'status', id, 'enabled'])
    await call(['streams', 'verify', id, '--state', 'cli-1'])
    expect((await call(['subjects', 'add', id, 'email:alice@example.com'])).json).toMatchObject({
      added: true
    })
    expect((await call(['subjects', 'rm', id, 'email:alice@example.com'])).json).toMatchObject({
      removed: true
    })
    const fired = (
      await call([
        'fire',
        '--type',
        'caep.session-revoked',
        '--subject',
        '{"format":"email","email":"bob@example.com"}',
        '--stream',
        id
      ])
    ).json as { sets: { jti: string }[] }
    expect(fired.sets).toHaveLength(1)
    const jti = fired.sets[0]?.jti ?? ''
    expect((await call(['replay', jti])).json).toMatchObject({ jti, mode: 'exact' })
    expect(
      (await call(['faults', 'set', '--stream', id, 'delay_ms=10', 'duplicate=true'])).json
    ).toMatchObject({ delay_ms: 10, duplicate: true })
    expect((await call(['faults', 'clear', '--stream', id])).json).toEqual({ cleared: true })
    expect((await call(['keys', 'rotate', '--grace', '60'])).json).toMatchObject({
      kid: expect.any(String)
    })
    // "Check my Receiver" on a stream nobody consumes: the exit code follows the report.
    const checked = await cli(
      ['check', 'receiver', id, '--wait', '1', '--url', server.url, '--json'],
      cleanEnv({ SSF_SIM_TOKEN: ADMIN })
    )
    const report = JSON.parse(checked.stdout) as { checks: { status: string }[] }
    expect(report.checks.length).toBeGreaterThan(0)
    expect(checked.code).toBe(report.checks.some((c) => c.status === 'fail') ? 1 : 0)
    await call(['streams', 'rm', id])
    expect((await call(['streams', 'get', id], 1)).run.stderr).toMatch(/HTTP 404/)
  }, 120_000)

  it('traffic tail follows the live feed; traffic export writes the log', async () => {
    const tail = startCli(
      ['traffic', 'tail', '--count', '1', '--url', server.url, '--json'],
      cleanEnv({ SSF_SIM_TOKEN: ADMIN })
    )
    await expect.poll(() => tail.stderr(), { timeout: 20_000 }).toContain('following')
    await fetch(`${server.url}/.well-known/ssf-configuration`)
    const done = await tail.done
    expect(done.code).toBe(0)
    expect(JSON.parse(done.stdout)).toMatchObject({ type: 'traffic.created' })

    const out = join(dir, 'traffic.har')
    expect((await call(['traffic', 'export', '--out', out])).json).toMatchObject({ format: 'har' })
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ log: { version: '1.2' } })
  }, 60_000)

  it('receivers add|ls|inbox|check and check transmitter (exit 0, JUnit valid)', async () => {
    const added = (
      await call([
        'receivers',
        'add',
        tx.issuer,
        '--audience',
        AUDIENCE,
        '--transmitter-token',
        TX_TOKEN
      ])
    ).json as { receiver_id: string }
    const id = added.receiver_id
    expect(((await call(['receivers', 'ls'])).json as unknown[]).length).toBeGreaterThan(0)
    expect((await call(['receivers', 'inbox', id])).json).toEqual([])
    const junit = join(dir, 'check.xml')
    const report = (await call(['receivers', 'check', id, '--wait', '3', '--junit', junit]))
      .json as { checks: { status: string }[] }
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([])
    expect(await junitSchemaErrors(readFileSync(junit, 'utf8'))).toEqual([])
    tx.faults.add('stream-iss')
    const failing = await call(['check', 'transmitter', id, '--wait', '1'], 1)
    expect(
      (failing.json as { checks: { status: string }[] }).checks.some((c) => c.status === 'fail')
    ).toBe(true)
    tx.faults.clear()
  }, 120_000)

  it('scenario run --url runs against this instance; a failed expectation exits 1', async () => {
    const file = join(dir, 'poll.yaml')
    writeFileSync(
      file,
      JSON.stringify({
        name: 'nobody polls',
        setup: { streams: [{ id: 'p', delivery: { method: 'poll' } }] },
        steps: [
          {
            fire: {
              type: 'caep.session-revoked',
              subject: { format: 'opaque', id: 'u1' },
              stream: 'p',
              as: 's'
            }
          },
          { rotate_keys: {} }
        ],
        expect: [{ acknowledged: 's', within: '300ms' }]
      })
    )
    const r = await call(['scenario', 'run', file], 1)
    expect(r.json).toMatchObject({
      passed: false,
      scenarios: [{ name: 'nobody polls', expectations: [{ status: 'fail' }] }]
    })
  }, 60_000)

  it('bad usage exits 2: a missing argument, an unknown option, an invalid scenario file', async () => {
    expect((await cli(['streams', 'get'])).code).toBe(2)
    expect((await cli(['keys', 'rotate', '--bogus'])).code).toBe(2)
    const bad = join(dir, 'bad.yaml')
    writeFileSync(bad, 'name: x\nsteps:\n  - explode: {}\n')
    const r = await cli(['scenario', 'run', bad])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('bad.yaml is not valid')
  })
})
