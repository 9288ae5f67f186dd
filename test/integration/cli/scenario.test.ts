/**
 * The sample scenarios (examples/*.yaml) run by the built CLI against small apps under test on
 * loopback: each once with an app that does it right (exit 0, PASSED) and once with one that
 * does not (exit 1, FAILED, the failing expectation named), JUnit files checked against the schema.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  TX_TOKEN,
  startTestTransmitter,
  type TestTransmitter
} from '../receiver/helpers/test-transmitter'
import { built, cleanEnv, cli, startCli, startReceiverApp } from './helpers/cli'
import { junitSchemaErrors } from './junit-schema'

const dir = mkdtempSync(join(tmpdir(), 'ssf-sim-scenario-test-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function junit(file: string): Promise<string> {
  const xml = readFileSync(file, 'utf8')
  expect(await junitSchemaErrors(xml)).toEqual([])
  return xml
}

async function runReceiverScenario(
  example: string,
  mode: 'verify' | 'accept-all' | 'broken',
  tag: string
) {
  const app = await startReceiverApp(mode)
  const file = join(dir, `${tag}.xml`)
  try {
    const run = await cli(
      ['scenario', 'run', `examples/${example}.yaml`, '--junit', file],
      cleanEnv({ APP_PUSH_URL: app.pushUrl })
    )
    return { ...run, xml: await junit(file), received: app.received.length }
  } finally {
    await app.close()
  }
}

describe.skipIf(!built)(
  'sample scenarios (built CLI, embedded engine)',
  { timeout: 120_000 },
  () => {
    it('receiver-revokes-sessions: an app that acknowledges passes', async () => {
      const r = await runReceiverScenario('receiver-revokes-sessions', 'verify', 'revoke-pass')
      expect(r.stderr).not.toMatch(/ssf-sim:/)
      expect(r.code).toBe(0)
      expect(r.stdout).toContain('Scenario: Receiver app revokes sessions')
      expect(r.stdout).toContain(
        '✓ expect 1: the app acknowledged the session-revoked SET within 2 s'
      )
      expect(r.stdout).toMatch(/PASSED: 2\/2 expectations met/)
      expect(r.received).toBe(1)
      expect(r.xml).toMatch(
        /<testsuite name="Receiver app revokes sessions" tests="4" failures="0" errors="0"/
      )
    })

    it('receiver-revokes-sessions: an app that answers 500 fails with exit 1', async () => {
      const r = await runReceiverScenario('receiver-revokes-sessions', 'broken', 'revoke-fail')
      expect(r.code).toBe(1)
      expect(r.stdout).toContain(
        '✗ expect 1: the app acknowledged the session-revoked SET within 2 s'
      )
      expect(r.stdout).toMatch(/FAILED: 0\/2 expectations met/)
      expect(r.stderr).toContain('1 of 1 scenario(s) failed')
      expect(r.xml).toMatch(/failures="2"/)
      expect(r.xml).toContain('<failure message="SET ')
    })

    it('receiver-rejects-tampered-sets: an app that verifies signatures passes', async () => {
      const r = await runReceiverScenario('receiver-rejects-tampered-sets', 'verify', 'tamper-pass')
      expect(r.stdout).toMatch(/PASSED: 2\/2 expectations met/)
      expect(r.stdout).toContain('refused with invalid_key')
      expect(r.code).toBe(0)
    })

    it('receiver-rejects-tampered-sets: an app that accepts anything fails with exit 1', async () => {
      const r = await runReceiverScenario(
        'receiver-rejects-tampered-sets',
        'accept-all',
        'tamper-fail'
      )
      expect(r.code).toBe(1)
      expect(r.stdout).toContain('✓ expect 1: the genuine SET was accepted')
      expect(r.stdout).toContain('✗ expect 2: the tampered SET was answered with invalid_key')
      expect(r.stdout).toContain('not refused')
      expect(r.xml).toMatch(/failures="1"/)
    })

    describe('transmitter-passes-conformance', () => {
      const AUDIENCE = 'https://receiver.example'
      let tx: TestTransmitter
      afterAll(async () => tx?.close())

      async function run(tag: string, pushAlice: boolean) {
        tx = await startTestTransmitter(() => AUDIENCE)
        const file = join(dir, `${tag}.xml`)
        const p = startCli(
          ['scenario', 'run', 'examples/transmitter-passes-conformance.yaml', '--junit', file],
          cleanEnv({ TRANSMITTER_ISSUER: tx.issuer, TRANSMITTER_TOKEN: TX_TOKEN })
        )
        if (pushAlice) {
          // The app under test pushes once our Receiver has a stream on it, as a Transmitter
          // would after a real session revocation.
          await expect.poll(() => tx.streams.size, { timeout: 60_000 }).toBeGreaterThan(0)
          const [stream] = [...tx.streams.values()]
          const delivery = stream?.delivery as { endpoint_url: string }
          const { token } = await tx.sign({ claims: { txn: 'revocation-1' } })
          const res = await fetch(delivery.endpoint_url, {
            method: 'POST',
            headers: { 'Content-Type': 'application/secevent+jwt' },
            body: token
          })
          expect(res.status).toBe(202)
        }
        const r = await p.done
        const xml = await junit(file)
        await tx.close()
        return { ...r, xml }
      }

      it('a conforming Transmitter that pushes passes', async () => {
        const r = await run('tx-pass', true)
        expect(r.stdout).toMatch(/PASSED: 2\/2 expectations met/)
        expect(r.code).toBe(0)
      }, 120_000)

      it('check_passes runs the report again until the app passes within its time', async () => {
        // The app answers its first verification with the wrong state (the report fails), then
        // behaves: a report that ran once would fail the expectation for good.
        const late = await startTestTransmitter(() => AUDIENCE)
        late.faults.add('verify-wrong-state')
        tx = late
        const scenario = join(dir, 'check-repeats.yaml')
        writeFileSync(
          scenario,
          [
            'name: check_passes repeats',
            'setup:',
            '  receivers:',
            `    - { id: app, issuer: "${late.issuer}", audience: "${AUDIENCE}", transmitter_token: ${TX_TOKEN}, stream: { delivery: push } }`,
            'expect:',
            '  - name: the app passes Check my Transmitter',
            '    check_passes: { receiver: app }',
            '    verification_wait: 1s',
            '    within: 60s'
          ].join('\n')
        )
        const p = startCli(['scenario', 'run', scenario], cleanEnv())
        await expect.poll(() => late.pushResults.length, { timeout: 60_000 }).toBeGreaterThan(0)
        late.faults.delete('verify-wrong-state')
        const r = await p.done
        expect(r.stdout).toMatch(/PASSED: 1\/1 expectations met/)
        expect(r.code).toBe(0)
        expect(late.pushResults.length).toBeGreaterThan(1)
      }, 120_000)

      it('a Transmitter that never pushes and breaks a rule fails with exit 1', async () => {
        const broken = await startTestTransmitter(() => AUDIENCE)
        broken.faults.add('stream-iss')
        tx = broken
        const file = join(dir, 'tx-fail.xml')
        const r = await cli(
          ['scenario', 'run', 'examples/transmitter-passes-conformance.yaml', '--junit', file],
          cleanEnv({ TRANSMITTER_ISSUER: broken.issuer, TRANSMITTER_TOKEN: TX_TOKEN })
        )
        expect(r.code).toBe(1)
        expect(r.stdout).toContain('✗ expect 1: the app pushed a session-revoked SET for alice')
        expect(r.stdout).toContain('✗ expect 2: the app passes Check my Transmitter')
        expect(r.stdout).toMatch(/FAILED: 0\/2 expectations met/)
        expect((await junit(file)).match(/<failure /g)).toHaveLength(2)
      }, 120_000)
    })
  }
)
