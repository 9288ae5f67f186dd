/**
 * `ssf-sim` without a clone, as a user installs it: `npm pack`, then `npm install <tarball>` in
 * an empty temporary project (dependencies from the registry, `--prefer-offline` so npm's cache
 * answers first), then `npx ssf-sim --help` and `npx ssf-sim serve`.
 * better-sqlite3's install script downloads a prebuilt binary from GitHub and compiles from
 * source (minutes) when that fails. CI reaches only the package registries, so the test points
 * the download at a loopback mirror (prebuild-install's documented
 * `npm_config_better_sqlite3_binary_host`) that serves the binary of the same version the
 * repository built; any other request gets a 404 and the install compiles (docs/decisions.md).
 */
import { execFile, spawn } from 'node:child_process'
import {
  createReadStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { builtinModules } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { built, cleanEnv } from './helpers/cli'

const dir = mkdtempSync(join(tmpdir(), 'ssf-sim-pack-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function bareImports(file: string): string[] {
  const code = readFileSync(file, 'utf8')
  // Rollup writes one import statement per line; dynamic imports keep their call form.
  const patterns = [
    /^import .*?from "([^"]+)";?$/gm,
    /^import "([^"]+)";?$/gm,
    /\bimport\("([^"]+)"\)/g
  ]
  return patterns
    .flatMap((p) => [...code.matchAll(p)].map((m) => m[1] ?? ''))
    .filter((s) => !s.startsWith('.'))
    .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : (s.split('/')[0] ?? '')))
}

describe.skipIf(!built)('npm pack', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
    dependencies: Record<string, string>
  }

  it('the built code imports only Node built-ins and runtime dependencies', () => {
    const files = [
      'out/main/headless.js',
      ...readdirSync('out/main/chunks').map((f) => join('out/main/chunks', f))
    ]
    const allowed = new Set([...Object.keys(pkg.dependencies), ...builtinModules])
    const imports = new Set(files.flatMap(bareImports).filter((s) => !s.startsWith('node:')))
    expect([...imports].filter((s) => !allowed.has(s) && !s.startsWith('$'))).toEqual([])
  })

  it('installs from the tarball; npx ssf-sim prints its help and serves', async () => {
    const tgz = (await run('npm', ['pack', '--pack-destination', dir, '--silent'], process.cwd()))
      .trim()
      .split('\n')
      .pop()
    const mirror = await startPrebuiltMirror()
    const app = join(dir, 'app')
    mkdirSync(app)
    writeFileSync(join(app, 'package.json'), '{ "name": "pack-test-app", "private": true }\n')
    try {
      await run(
        'npm',
        ['install', '--prefer-offline', '--no-audit', '--no-fund', join(dir, tgz ?? '')],
        app,
        { npm_config_better_sqlite3_binary_host: mirror.url }
      )
    } finally {
      await mirror.close()
    }

    const help = await run('npx', ['--no', '--', 'ssf-sim', '--help'], app)
    expect(help).toContain('Usage: ssf-sim')
    expect(help).toContain('scenario')

    // npx runs the bin in a shell of its own: the group is stopped together, as a terminal does.
    const child = spawn(
      'npx',
      [
        '--no',
        'ssf-sim',
        'serve',
        '--port',
        '0',
        '--data-dir',
        join(dir, 'data'),
        '--token',
        'pack-token-1'
      ],
      { cwd: app, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true }
    )
    const closed = new Promise<void>((resolve) => child.on('close', () => resolve()))
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = ''
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString()
          const m = out.match(/listening on (http:\/\/\S+)/)
          if (m?.[1]) resolve(m[1])
        })
        void closed.then(() => reject(new Error(`serve exited before listening: ${out}`)))
      })
      const md = await fetch(`${url}/.well-known/ssf-configuration`)
      expect(md.status).toBe(200)
      const ui = await fetch(`${url}/`)
      expect(ui.status).toBe(200)
      const streams = await fetch(`${url}/ssf/streams`, {
        headers: { Authorization: 'Bearer pack-token-1' }
      })
      expect(streams.status).toBe(200)
      process.kill(-(child.pid ?? 0), 'SIGTERM')
      await closed
      await expect(fetch(`${url}/.well-known/ssf-configuration`)).rejects.toThrow()
    } finally {
      if (child.exitCode === null && child.signalCode === null)
        process.kill(-(child.pid ?? 0), 'SIGKILL')
    }
  }, 600_000)
})

/** Run a command to its end without blocking the event loop (the mirror answers meanwhile). */
function run(
  cmd: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = {}
): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(
      cmd,
      args,
      { cwd, env: cleanEnv(env), maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) =>
        err
          ? reject(new Error(`${cmd} ${args.join(' ')}: ${err.message}\n${stderr}`))
          : resolve(stdout)
    )
  )
}

/**
 * A loopback stand-in for better-sqlite3's GitHub release downloads: the repository's own
 * compiled binary for this Node ABI, platform and arch, only under the repository's version.
 */
async function startPrebuiltMirror(): Promise<{ url: string; close(): Promise<void> }> {
  const pkgDir = join(process.cwd(), 'node_modules/better-sqlite3')
  const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as {
    version: string
  }
  const tarball = join(dir, 'prebuilt.tar.gz')
  await run('tar', ['czf', tarball, 'build/Release/better_sqlite3.node'], pkgDir)
  const asset = `/v${version}/better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`
  const server = createServer((req, res) => {
    if (req.url !== asset) return res.writeHead(404).end()
    res.writeHead(200, { 'Content-Type': 'application/gzip' })
    createReadStream(tarball).pipe(res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  }
}
