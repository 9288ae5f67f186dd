/**
 * The headless CLI as users run it: `node out/main/headless.js serve …` (run `npm run build`
 * first). Startup line, env fallbacks, --issuer with a path, usage errors, signals.
 */
import type { ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, test } from 'vitest'
import { built, cleanEnv, dataDir, spawnCli } from './helpers'

interface Started {
  child: ChildProcess
  url: string
  stdout: () => string
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>
}

function run(
  args: string[],
  env: NodeJS.ProcessEnv = cleanEnv()
): Started['exit'] & { child: ChildProcess; out: () => string } {
  const p = spawnCli(args, env)
  return Object.assign(p.exit, { child: p.child, out: p.out })
}

async function start(args: string[], env?: NodeJS.ProcessEnv): Promise<Started> {
  const p = run(args, env)
  await expect
    .poll(() => /listening on http:\/\/\S+/.test(p.out()) || p.child.exitCode !== null, {
      timeout: 20_000,
      interval: 50
    })
    .toBe(true)
  const url = /listening on (http:\/\/\S+)/.exec(p.out())?.[1]
  if (!url) throw new Error(`no listening line: ${p.out()} ${(await p).stderr}`)
  return { child: p.child, url, stdout: p.out, exit: p }
}

describe.skipIf(!built)(
  `ssf-sim serve${built ? '' : ' (skipped: run `npm run build` first)'}`,
  () => {
    it('prints listening on http://127.0.0.1:PORT, the metadata URL, token and UI URL', async () => {
      const s = await start([
        'serve',
        '--port',
        '0',
        '--data-dir',
        dataDir(),
        '--token',
        'cli-token-1'
      ])
      expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      await expect.poll(() => s.stdout()).toContain('UI:')
      expect(s.stdout()).toContain(`${s.url}/.well-known/ssf-configuration`)
      expect(s.stdout()).toContain('token:    cli-token-1')
      const md = (await (await fetch(`${s.url}/.well-known/ssf-configuration`)).json()) as {
        issuer: string
      }
      expect(md.issuer).toBe(s.url)
      const list = await fetch(`${s.url}/ssf/streams`, {
        headers: { Authorization: 'Bearer cli-token-1' }
      })
      expect(list.status).toBe(200)
      s.child.kill('SIGTERM')
      expect(await s.exit).toMatchObject({ code: 0 })
    })

    test.each(['SIGTERM', 'SIGINT'] as const)('%s: stops and exits 0', async (signal) => {
      const s = await start(['serve', '--port', '0', '--data-dir', dataDir()])
      s.child.kill(signal)
      const exit = await s.exit
      expect(exit.code).toBe(0)
      expect(exit.stderr).toContain(`${signal}: stopping`)
    })

    it('takes SSF_SIM_PORT, SSF_SIM_DATA_DIR and SSF_SIM_TOKEN from the environment', async () => {
      const dir = dataDir()
      const s = await start(
        ['serve'],
        cleanEnv({ SSF_SIM_PORT: '0', SSF_SIM_DATA_DIR: dir, SSF_SIM_TOKEN: 'env-token-42' })
      )
      expect(s.stdout()).toContain('env-token-42')
      const res = await fetch(`${s.url}/ssf/streams`, {
        headers: { Authorization: 'Bearer env-token-42' }
      })
      expect(res.status).toBe(200)
      expect(existsSync(join(dir, 'ssf-sim.sqlite'))).toBe(true)
      s.child.kill('SIGTERM')
      expect((await s.exit).code).toBe(0)
    })

    it('flags win over the environment', async () => {
      const s = await start(
        ['serve', '--port', '0', '--data-dir', dataDir(), '--token', 'flag-token-1'],
        cleanEnv({ SSF_SIM_PORT: 'not-a-port', SSF_SIM_TOKEN: 'env-token-42' })
      )
      expect(s.stdout()).toContain('flag-token-1')
      s.child.kill('SIGTERM')
      await s.exit
    })

    it('--issuer with a path puts the metadata at /.well-known/ssf-configuration/{path}', async () => {
      const s = await start([
        'serve',
        '--port',
        '0',
        '--data-dir',
        dataDir(),
        '--issuer',
        'http://127.0.0.1/tenant-7'
      ])
      const port = new URL(s.url).port
      const md = await fetch(`http://127.0.0.1:${port}/.well-known/ssf-configuration/tenant-7`)
      expect(md.status).toBe(200)
      expect(await md.json()).toMatchObject({
        issuer: 'http://127.0.0.1/tenant-7',
        configuration_endpoint: 'http://127.0.0.1/tenant-7/ssf/streams'
      })
      s.child.kill('SIGTERM')
      await s.exit
    })

    test.each([
      { args: ['serve', '--bogus'], message: /bogus/ },
      { args: ['serve', '--port', 'abc'], message: /--port must be a port number/ },
      { args: ['serve', '--port', '70000'], message: /--port/ },
      { args: ['serve', '--issuer', 'not a url'], message: /--issuer must be an absolute URL/ },
      { args: ['serve', '--issuer', 'https://x.example/?q=1'], message: /query or fragment/ },
      { args: ['serve', '--signing-alg', 'HS256'], message: /--signing-alg must be one of/ },
      { args: ['serve', '--token', 'short'], message: /--token must be 8-512/ },
      { args: ['serve', 'extra'], message: /Unexpected argument|positional/i },
      { args: ['frobnicate'], message: /unknown command "frobnicate"/ }
    ])('$args → exit 2 with a message and the usage', async ({ args, message }) => {
      const exit = await run([...args, '--data-dir', dataDir()])
      expect(exit.code).toBe(2)
      expect(exit.stderr).toMatch(message)
      expect(exit.stderr).toContain('Usage: ssf-sim')
    })

    it('SSF_SIM_PORT that is not a port → exit 2', async () => {
      const exit = await run(['serve', '--data-dir', dataDir()], cleanEnv({ SSF_SIM_PORT: 'x' }))
      expect(exit.code).toBe(2)
      expect(exit.stderr).toMatch(/SSF_SIM_PORT must be a port number/)
    })

    it('--help prints the usage and exits 0', async () => {
      const p = run(['serve', '--help'])
      const exit = await p
      expect(exit.code).toBe(0)
      expect(p.out()).toContain('Usage: ssf-sim')
    })
  }
)
