/**
 * `ssf-sim` without a clone: what `npm pack` puts in the package runs on its own. The tarball is
 * unpacked into a temporary folder and its bin is run from there (`--help`, then `serve` until
 * SIGTERM); the built code imports nothing but Node built-ins and the package's `dependencies`,
 * so an install without devDependencies has everything it needs.
 * (Installing the tarball with npm compiles better-sqlite3 when no prebuilt binary can be
 * downloaded — minutes on CI — so the dependencies here are the repository's own, linked in.)
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs'
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

  it('the packed ssf-sim prints its help and serves', async () => {
    const tgz = execFileSync('npm', ['pack', '--pack-destination', dir, '--silent'], {
      encoding: 'utf8'
    }).trim()
    const root = join(dir, 'app')
    mkdirSync(root)
    execFileSync('tar', ['xzf', join(dir, tgz), '-C', root])
    const unpacked = join(root, 'package')
    symlinkSync(join(process.cwd(), 'node_modules'), join(unpacked, 'node_modules'), 'dir')
    const bin = join(unpacked, 'bin/ssf-sim.js')

    const help = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8', cwd: dir })
    expect(help).toContain('Usage: ssf-sim')
    expect(help).toContain('scenario')

    const child = spawn(
      process.execPath,
      [bin, 'serve', '--port', '0', '--data-dir', join(dir, 'data'), '--token', 'pack-token-1'],
      { cwd: dir, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] }
    )
    const url = await new Promise<string>((resolve, reject) => {
      let out = ''
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString()
        const m = /listening on (http:\/\/\S+)/.exec(out)
        if (m?.[1]) resolve(m[1])
      })
      child.on('close', (code) => reject(new Error(`serve exited ${code}`)))
    })
    const md = await fetch(`${url}/.well-known/ssf-configuration`)
    expect(md.status).toBe(200)
    const ui = await fetch(`${url}/`)
    expect(ui.status).toBe(200)
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
  }, 120_000)
})
