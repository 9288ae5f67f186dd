/**
 * The `ssf-sim` command line: one commander program, one module per command group, the same
 * exit codes everywhere (0 success, 1 a check/expectation/call failed, 2 bad usage).
 * `serve` (the default) and `fire` keep their own `node:util` parsers (core/config and
 * fire-command) and are only listed here.
 * @module
 */
import { Command, CommanderError } from 'commander'
import { UsageError } from '../core/config'
import { FireError, FIRE_USAGE, fireCommand } from '../fire-command'
import { ApiError } from './api-client'
import { CA_USAGE, caCommand } from './ca'
import { examples } from './command'
import { registerCheck } from './commands/check'
import { registerFaults, registerKeys } from './commands/faults'
import { registerReceivers } from './commands/receivers'
import { registerScenario } from './commands/scenario'
import { SERVE_USAGE, serve } from './commands/serve'
import { registerStreams, registerSubjects } from './commands/streams'
import { registerReplay, registerTraffic } from './commands/traffic'
import { savedToken } from './connection'
import { EXIT, FailedError, type CliIo } from './output'

/** Build the program; actions write through `io`. */
export function createProgram(io: CliIo): Command {
  const program = new Command('ssf-sim')
    .description('SSF Simulator: a local OpenID Shared Signals Transmitter and Receiver')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError('(add --help for more)')
    .addHelpText(
      'after',
      `\nCommands other than serve talk to a running instance: --url (or SSF_SIM_URL, default\n` +
        `http://127.0.0.1:4400); token from --token, SSF_SIM_TOKEN, or the local data folder.\n` +
        `Exit codes: 0 success, 1 a check, expectation or call failed, 2 bad usage.\n` +
        examples(
          'ssf-sim serve --port 4400 --token ci-token-123',
          'ssf-sim streams ls --json',
          'ssf-sim scenario run examples/receiver-revokes-sessions.yaml --junit junit.xml'
        )
    )
  program
    .command('serve')
    .description('run the Transmitter, Receiver, control API and UI (the default command)')
    .configureHelp({ formatHelp: () => SERVE_USAGE })
    .allowUnknownOption()
    .allowExcessArguments()
    .action(async function (this: Command) {
      await serve(this.args, io)
    })
  program
    .command('fire')
    .description('fire an event through a running instance')
    .configureHelp({ formatHelp: () => FIRE_USAGE })
    .allowUnknownOption()
    .allowExcessArguments()
    .action(async function (this: Command) {
      await fireCommand(this.args, io.env, (dir) =>
        dir === undefined ? undefined : savedToken(dir)
      )
    })
  program
    .command('ca')
    .description('the local CA for --https: `ca path`, `ca export [--out FILE]`')
    .configureHelp({ formatHelp: () => CA_USAGE })
    .allowUnknownOption()
    .allowExcessArguments()
    .action(async function (this: Command) {
      await caCommand(this.args, io.env)
    })
  registerStreams(program, io)
  registerSubjects(program, io)
  registerReceivers(program, io)
  registerCheck(program, io)
  registerTraffic(program, io)
  registerReplay(program, io)
  registerFaults(program, io)
  registerKeys(program, io)
  registerScenario(program, io)
  return program
}

function failure(io: CliIo, err: unknown, usage: string): number {
  if (err instanceof CommanderError)
    // commander printed the message (and the help) already.
    return err.exitCode === 0 ? EXIT.ok : EXIT.usage
  if (err instanceof UsageError) {
    io.err(`ssf-sim: ${err.message}\n\n${usage}`)
    return EXIT.usage
  }
  if (err instanceof FailedError || err instanceof ApiError || err instanceof FireError) {
    io.err(`ssf-sim: ${err.message}\n`)
    return EXIT.failed
  }
  const code = err instanceof Error && 'code' in err ? err.code : undefined
  io.err(
    code === 'EADDRINUSE'
      ? `ssf-sim: the port is already in use; pick another with --port (0 = any free port)\n`
      : `ssf-sim: ${err instanceof Error ? err.message : String(err)}\n`
  )
  return EXIT.failed
}

/** Run the command line; resolves with the exit code (serve resolves once it listens). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv
  const topLevel = ['-h', '--help', 'help']
  // No command, or flags only: `serve` is the default (as before the other commands existed).
  const isServe =
    command === undefined ||
    command === 'serve' ||
    (command.startsWith('-') && !topLevel.includes(command))
  if (isServe) {
    // Serve has its own parser: the commander program is not built on the way to `listening`.
    try {
      await serve(command === 'serve' ? rest : argv, io)
      return EXIT.ok
    } catch (err) {
      return failure(io, err, SERVE_USAGE)
    }
  }
  const program = createProgram(io)
  const names = new Set(program.commands.map((c) => c.name()))
  try {
    if (!names.has(command) && !topLevel.includes(command))
      throw new UsageError(`unknown command "${command}"`)
    if (command === 'ca') {
      await caCommand(rest, io.env)
      return EXIT.ok
    }
    if (command === 'fire') {
      await fireCommand(rest, io.env, (dir) => (dir === undefined ? undefined : savedToken(dir)))
      return EXIT.ok
    }
    await program.parseAsync([...argv], { from: 'user' })
    return EXIT.ok
  } catch (err) {
    return failure(
      io,
      err,
      command === 'fire' ? FIRE_USAGE : command === 'ca' ? CA_USAGE : program.helpInformation()
    )
  }
}
