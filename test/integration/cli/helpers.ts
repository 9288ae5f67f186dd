/**
 * Shared by the CLI tests: the built entry, temporary data folders and child processes that are
 * cleaned up after each test, and an environment without the developer's SSF_SIM_* variables.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'

export const ENTRY = join(process.cwd(), 'out/main/headless.js')
export const built = existsSync(ENTRY)
// `npm test` builds first; on CI a missing build is a failure, never a silent skip.
if (!built && process.env.CI === 'true') throw new Error(`${ENTRY} is missing: run npm run build`)
const dirs: string[] = []
/** Children to kill after each test. */
export const children: ChildProcess[] = []

afterEach(() => {
  for (const c of children.splice(0))
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** A temporary data folder, removed after the test. */
export function dataDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'ssf-sim-cli-'))
  dirs.push(d)
  return d
}

/** Environment without any SSF_SIM_* variable of the developer's shell. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('SSF_SIM_')) env[k] = v
  return { ...env, ...extra }
}

/** How a CLI run ended. */
export interface CliExit {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** Run `node out/main/headless.js ARGS`; the child is killed after the test if still running. */
export function spawnCli(
  args: string[],
  env: NodeJS.ProcessEnv = cleanEnv()
): { child: ChildProcess; out: () => string; exit: Promise<CliExit> } {
  const child = spawn(process.execPath, [ENTRY, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  children.push(child)
  let out = ''
  let err = ''
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()))
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()))
  const exit = new Promise<CliExit>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout: out, stderr: err }))
  )
  return { child, out: () => out, exit }
}
