/**
 * The headless face: the `ssf-sim` CLI. Plain Node; never imports electron.
 * @module
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { resolveServeOptions, UsageError } from './core/config'
import { startCore } from './core/start'
import { fireCommand } from './fire-command'
import { caCommand } from './cli/ca'
import { tlsPaths } from './tls/store'

const USAGE = `Usage: ssf-sim <command> [options]

Commands:
  serve    run the Transmitter, Receiver, control API and UI (default)
  fire     fire an event through a running instance (POST /api/events)
  ca       the local CA for --https: \`ca path\`, \`ca export [--out FILE]\` (see \`ca --help\`)

serve options (env fallback in brackets):
  -p, --port N              port to listen on, 0 = any free port [SSF_SIM_PORT] (default 4400)
      --host H              interface to bind [SSF_SIM_HOST] (default 127.0.0.1)
  -d, --data-dir DIR        data folder [SSF_SIM_DATA_DIR] (default: the OS app-data folder)
  -t, --token T             the simulator token (default client, control API, UI) [SSF_SIM_TOKEN]
      --issuer URL          Transmitter issuer [SSF_SIM_ISSUER] (default http://HOST:PORT)
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

fire options:
      --url URL             the running instance (default http://127.0.0.1:4400) [SSF_SIM_URL]
  -t, --token T             the simulator token [SSF_SIM_TOKEN]
      --type TYPE           event-type URI or name, e.g. caep.session-revoked (required)
      --subject JSON        RFC 9493 subject, e.g. '{"format":"email","email":"a@b.c"}' (required)
      --claims JSON         the event's claims (default {})
      --stream ID           only this stream (repeatable)
      --txn X               the SETs' txn claim
`

const uiDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer')

async function serve(argv: string[]): Promise<void> {
  const options = resolveServeOptions(argv, process.env)
  if (options.help) {
    process.stdout.write(USAGE)
    return
  }
  const core = await startCore({ ...options, uiDir })
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    process.stderr.write(`${signal}: stopping\n`)
    core.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`error while stopping: ${String(err)}\n`)
        process.exit(1)
      }
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
  // Printed only once the signal handlers exist: a script that reads this line and signals at
  // once must get a clean stop, never the default "killed by signal".
  const httpsLine =
    core.httpsUrl === undefined || core.httpsUrl === core.url
      ? ''
      : `SSF Simulator listening on ${core.httpsUrl}\n`
  const caLine =
    core.httpsUrl === undefined ? '' : `  CA:       ${tlsPaths(options.dataDir).caCert}\n`
  process.stdout.write(
    `SSF Simulator listening on ${core.url}\n` +
      httpsLine +
      caLine +
      `  metadata: ${core.httpsUrl ?? core.url}/.well-known/ssf-configuration (issuer ${core.issuer})\n` +
      `  token:    ${core.token}\n` +
      `  UI:       ${core.uiUrl}\n`
  )
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv
  if (command === undefined || command.startsWith('-')) return serve(argv)
  if (command === 'serve') return serve(rest)
  if (command === 'fire') return fireCommand(rest, process.env)
  if (command === 'ca') return caCommand(rest, process.env)
  if (command === 'help' || command === '--help') {
    process.stdout.write(USAGE)
    return
  }
  throw new UsageError(`unknown command "${command}"`)
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof UsageError) {
    process.stderr.write(`ssf-sim: ${err.message}\n\n${USAGE}`)
    process.exit(2)
  }
  const code = (err as NodeJS.ErrnoException).code
  process.stderr.write(
    code === 'EADDRINUSE'
      ? `ssf-sim: the port is already in use; pick another with --port (0 = any free port)\n`
      : `ssf-sim: ${err instanceof Error ? err.message : String(err)}\n`
  )
  process.exit(1)
})
