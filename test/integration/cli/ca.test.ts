/**
 * `ssf-sim ca path|export` and `ssf-sim serve --https|--https-port` as users run them
 * (`node out/main/headless.js`; run `npm run build` first).
 */
import { X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fetchTrusting } from '../tls/helpers'
import { built, dataDir, spawnCli as run } from './helpers'

describe.skipIf(!built)(
  `ssf-sim ca and serve --https${built ? '' : ' (skipped: run `npm run build` first)'}`,
  () => {
    it('ca path makes the CA on first use and prints where it is; ca export writes it', async () => {
      const dir = dataDir()
      const path = await run(['ca', 'path', '--data-dir', dir]).exit
      expect(path).toMatchObject({ code: 0, stdout: `${join(dir, 'tls', 'ca.pem')}\n` })
      const pem = readFileSync(join(dir, 'tls', 'ca.pem'), 'utf8')
      const out = join(dir, 'exported.pem')
      const exported = await run(['ca', 'export', '--data-dir', dir, '--out', out]).exit
      expect(exported.code).toBe(0)
      expect(readFileSync(out, 'utf8')).toBe(pem)
      expect(exported.stdout).toContain(new X509Certificate(pem).fingerprint256)
      const toStdout = await run(['ca', 'export', '--data-dir', dir]).exit
      expect(toStdout.stdout).toBe(pem)
      expect(toStdout.stdout).not.toContain('PRIVATE KEY')
    }, 60_000)

    it('ca path --json describes the CA; an unknown action is a usage error', async () => {
      const dir = dataDir()
      const json = await run(['ca', 'path', '--data-dir', dir, '--json']).exit
      const pem = readFileSync(join(dir, 'tls', 'ca.pem'), 'utf8')
      expect(JSON.parse(json.stdout)).toMatchObject({
        fingerprint_sha256: new X509Certificate(pem).fingerprint256,
        permitted_dns: ['localhost']
      })
      expect((await run(['ca', 'install', '--data-dir', dir]).exit).code).toBe(2)
    }, 60_000)

    it.each([
      [['--https'], 1],
      [['--https-port', '0'], 2]
    ])(
      'serve %j prints "listening on https://localhost:PORT"',
      async (flags, lines) => {
        const dir = dataDir()
        const s = run(['serve', '--port', '0', '--data-dir', dir, ...flags])
        await expect
          .poll(() => s.out().includes('UI:') || s.child.exitCode !== null, { timeout: 20_000 })
          .toBe(true)
        const listening = [...s.out().matchAll(/^SSF Simulator listening on (\S+)$/gm)].map(
          (m) => m[1]
        )
        expect(listening).toHaveLength(lines)
        const https = listening.at(-1)!
        expect(https).toMatch(/^https:\/\/localhost:\d+$/)
        expect(s.out()).toContain(`CA:       ${join(dir, 'tls', 'ca.pem')}`)
        expect(s.out()).toContain(`metadata: ${https}/.well-known/ssf-configuration`)
        const trusting = fetchTrusting(readFileSync(join(dir, 'tls', 'ca.pem'), 'utf8'))
        const md = (await (await trusting(`${https}/.well-known/ssf-configuration`)).json()) as {
          issuer: string
        }
        expect(md.issuer).toBe(https)
        s.child.kill('SIGTERM')
        expect((await s.exit).code).toBe(0)
      },
      60_000
    )
  }
)
