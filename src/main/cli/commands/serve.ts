/**
 * `ssf-sim serve` (also the default command): start the engine in this process. Flags are parsed
 * by `resolveServeOptions` in core/config (one place for every serve flag); `--config` names the
 * config file applied at start.
 * @module
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { resolveServeOptions, UsageError } from '../../core/config'
import { startCore } from '../../core/start'
import { tlsPaths } from '../../tls/store'
import { createApiClient } from '../api-client'
import { examples } from '../command'
import { findConfigFile, loadConfigFile } from '../config-file'
import type { CliIo } from '../output'
import { applySetup } from '../scenario/setup'

/** `serve --help`. */
export const SERVE_USAGE = `Usage: ssf-sim serve [options]

Run the Transmitter, Receiver, control API and UI (the default command).

Options (env fallback in brackets):
  -p, --port N              port to listen on, 0 = any free port [SSF_SIM_PORT] (default 4400)
      --host H              interface to bind [SSF_SIM_HOST] (default 127.0.0.1)
  -d, --data-dir DIR        data folder [SSF_SIM_DATA_DIR] (default: the OS app-data folder)
  -t, --token T             the simulator token (default client, control API, UI) [SSF_SIM_TOKEN]
      --issuer URL          Transmitter issuer [SSF_SIM_ISSUER] (default http://HOST:PORT)
      --config FILE         apply this config file at start (default: ssf-sim.config.json,
                            .yaml or .yml in the working folder, if present)
      --signing-alg A       RS256 (default) or ES256, for a new data folder
      --create-mode M       lenient (default) or strict: Transmitter-supplied members in create
      --default-subjects S  ALL (default) or NONE
      --min-verification-interval S   seconds between verification requests (default 30)
      --single-stream       one stream per client (second create → 409)
      --traffic-retention N traffic-log rows kept (default 10000)
      --https               serve https://localhost:PORT with a certificate from the local CA [SSF_SIM_HTTPS]
      --https-port N        serve https on this port too, http stays on --port [SSF_SIM_HTTPS_PORT]
      --extra-ca FILE       PEM CA certificates that outbound push and receiver calls trust [SSF_SIM_EXTRA_CA]
      --subject-removal-grace S  seconds a removed subject still gets events (default 0)
  -q, --quiet               log warnings and errors only
  -h, --help                this text
${examples(
  'ssf-sim serve --port 4400 --data-dir ./.ssf-sim --token ci-token-123',
  'ssf-sim serve --port 0 --config ci/ssf-sim.config.yaml'
)}`

const uiDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer')

/** Take `--config FILE` / `--config=FILE` out of the serve flags. */
export function splitConfigFlag(argv: readonly string[]): { config?: string; rest: string[] } {
  const rest: string[] = []
  let config: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? ''
    if (a === '--') {
      rest.push(...argv.slice(i))
      break
    }
    if (a === '--config') {
      config = argv[++i]
      if (config === undefined) throw new UsageError('--config needs a file')
    } else if (a.startsWith('--config=')) config = a.slice('--config='.length)
    else rest.push(a)
  }
  return config === undefined ? { rest } : { config, rest }
}

/** Start serving; resolves once listening (the process then runs until a signal). */
export async function serve(argv: readonly string[], io: CliIo): Promise<void> {
  const { config, rest } = splitConfigFlag(argv)
  const options = resolveServeOptions(rest, io.env)
  if (options.help) {
    io.out(SERVE_USAGE)
    return
  }
  const configFile = findConfigFile(config, io.cwd)
  // Validated before the engine starts: a bad config file never leaves a half-started server.
  const setup = configFile === undefined ? undefined : loadConfigFile(configFile, io.env)
  const core = await startCore({ ...options, uiDir })
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    io.err(`${signal}: stopping\n`)
    core.close().then(
      () => process.exit(0),
      (err: unknown) => {
        io.err(`error while stopping: ${String(err)}\n`)
        process.exit(1)
      }
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
  if (setup !== undefined) {
    try {
      const applied = await applySetup(createApiClient(core.url, core.token), setup)
      io.err(
        `config ${configFile}: ${applied.clients.size - 1} client(s), ${applied.streams.size} stream(s), ${applied.receivers.size} receiver(s)\n`
      )
    } catch (err) {
      await core.close()
      throw err
    }
  }
  // Printed only once the signal handlers exist and the config is applied: a script that reads
  // this line may use the configured state and may signal at once for a clean stop.
  const httpsLine =
    core.httpsUrl === undefined || core.httpsUrl === core.url
      ? ''
      : `SSF Simulator listening on ${core.httpsUrl}\n`
  const caLine =
    core.httpsUrl === undefined ? '' : `  CA:       ${tlsPaths(options.dataDir).caCert}\n`
  io.out(
    `SSF Simulator listening on ${core.url}\n` +
      httpsLine +
      caLine +
      `  metadata: ${core.httpsUrl ?? core.url}/.well-known/ssf-configuration (issuer ${core.issuer})\n` +
      `  token:    ${core.token}\n` +
      `  UI:       ${core.uiUrl}\n`
  )
}
