/**
 * Run the built `ssf-sim` (out/main/headless.js) as users do, and small apps under test on
 * loopback: a Receiver app (RFC 8935 push endpoint) in three behaviours.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose'

export const ENTRY = join(process.cwd(), 'out/main/headless.js')
export const built = existsSync(ENTRY)
// `npm test` builds first; on CI a missing build is a failure, never a silent skip.
if (!built && process.env.CI === 'true') throw new Error(`${ENTRY} is missing: run npm run build`)

/** Environment without any SSF_SIM_* variable of the developer's shell. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('SSF_SIM_')) env[k] = v
  return { ...env, ...extra }
}

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

/** A running CLI process whose output can be watched before it ends. */
export interface CliProcess {
  child: ChildProcess
  stdout(): string
  stderr(): string
  done: Promise<CliRun>
}

export function startCli(args: string[], env: NodeJS.ProcessEnv = cleanEnv()): CliProcess {
  const child = spawn(process.execPath, [ENTRY, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()))
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()))
  const done = new Promise<CliRun>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  )
  return { child, stdout: () => stdout, stderr: () => stderr, done }
}

/** Run the CLI to its end. */
export function cli(args: string[], env?: NodeJS.ProcessEnv): Promise<CliRun> {
  return startCli(args, env).done
}

/** `ssf-sim serve` on a free port; resolves once it prints its URL. */
export async function serveCli(
  args: string[],
  env?: NodeJS.ProcessEnv
): Promise<{ url: string; stop(): Promise<void>; process: CliProcess }> {
  const p = startCli(['serve', '--port', '0', ...args], env)
  // Event-driven: resolve on the line that says it listens, or when the process ends.
  await new Promise<void>((resolve) => {
    const check = () => {
      if (/listening on http:\/\/\S+/.test(p.stdout())) resolve()
    }
    p.child.stdout?.on('data', check)
    p.child.on('close', () => resolve())
    check()
  })
  const url = /listening on (http:\/\/\S+)/.exec(p.stdout())?.[1]
  if (!url) throw new Error(`serve did not start: ${p.stdout()} ${p.stderr()}`)
  return {
    url,
    process: p,
    async stop() {
      if (p.child.exitCode === null) p.child.kill('SIGTERM')
      await p.done
    }
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => resolve(body))
    req.on('error', reject)
  })
}

/**
 * A Receiver app under test. `verify`: checks each SET's signature against the issuer's JWKS
 * (found through its SSF metadata) and answers 202, or 400 `invalid_key`; `accept-all`: 202
 * without looking; `broken`: 500 to everything.
 */
export async function startReceiverApp(
  mode: 'verify' | 'accept-all' | 'broken'
): Promise<{ pushUrl: string; received: string[]; close(): Promise<void> }> {
  const received: string[] = []
  const server = createServer((req, res) => {
    void readBody(req).then(async (token) => {
      received.push(token)
      if (mode === 'broken') return res.writeHead(500).end()
      if (mode === 'verify') {
        try {
          const iss = decodeJwt(token).iss ?? ''
          const md = (await (await fetch(`${iss}/.well-known/ssf-configuration`)).json()) as {
            jwks_uri: string
          }
          await jwtVerify(token, createRemoteJWKSet(new URL(md.jwks_uri)), {
            issuer: iss,
            typ: 'secevent+jwt'
          })
        } catch (err) {
          res.writeHead(400, { 'Content-Type': 'application/json' })
          return res.end(
            JSON.stringify({ err: 'invalid_key', description: (err as Error).message })
          )
        }
      }
      res.writeHead(202).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    pushUrl: `http://127.0.0.1:${port}/ssf/events`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}
