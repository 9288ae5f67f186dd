/**
 * Which instance a command talks to: `--url` (then `SSF_SIM_URL`, then the default port), and
 * its token: `--token`, then `SSF_SIM_TOKEN`, then the token saved in the data folder when the
 * instance runs on this machine.
 * @module
 */
import type { Command } from 'commander'
import { DEFAULTS, UsageError, defaultDataDir } from '../core/config'
import { readSavedToken } from '../store/saved-token'
import { createApiClient, type ApiClient } from './api-client'

/** Flags every client command takes. */
export interface ConnectionFlags {
  url?: string
  token?: string
  dataDir?: string
  json?: boolean
}

/** Add `--url`, `--token`, `--data-dir` and `--json` to a command. */
export function withConnection(cmd: Command): Command {
  return cmd
    .option('--url <url>', 'the running instance [SSF_SIM_URL] (default http://127.0.0.1:4400)')
    .option(
      '-t, --token <token>',
      "the simulator token [SSF_SIM_TOKEN] (default: the data folder's)"
    )
    .option('-d, --data-dir <dir>', 'data folder to read the saved token from [SSF_SIM_DATA_DIR]')
    .option('--json', 'print JSON instead of text')
}

/** The default client's token saved in a data folder, if the folder has one. */
export function savedToken(dataDir: string): string | undefined {
  return readSavedToken(dataDir)
}

/** Resolve the instance URL and token, and make a client. */
export function connect(flags: ConnectionFlags, env: NodeJS.ProcessEnv): ApiClient {
  const base = flags.url ?? env.SSF_SIM_URL ?? `http://${DEFAULTS.host}:${DEFAULTS.port}`
  let url: URL
  try {
    url = new URL(base)
  } catch {
    throw new UsageError(`--url must be an absolute URL, got "${base}"`)
  }
  const token =
    flags.token ??
    env.SSF_SIM_TOKEN ??
    savedToken(flags.dataDir ?? env.SSF_SIM_DATA_DIR ?? defaultDataDir(process.platform, env))
  if (token === undefined)
    throw new UsageError(
      'no token: pass --token, set SSF_SIM_TOKEN, or run on the machine with the data folder (--data-dir)'
    )
  return createApiClient(url.origin, token)
}
