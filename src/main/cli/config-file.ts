/**
 * The config file `serve` applies at start: `--config FILE`, else `ssf-sim.config.json`,
 * `.yaml` or `.yml` in the working folder. Its keys mirror a scenario's `setup`.
 * @module
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { configFileSchema, type ScenarioSetup } from '../../shared/scenario/schema'
import { loadDocument } from './scenario/load'

/** Names looked for in the working folder, in order. */
export const CONFIG_FILE_NAMES = [
  'ssf-sim.config.json',
  'ssf-sim.config.yaml',
  'ssf-sim.config.yml'
]

/** The config file to use, if any. */
export function findConfigFile(explicit: string | undefined, cwd: string): string | undefined {
  if (explicit !== undefined) return explicit
  return CONFIG_FILE_NAMES.map((n) => join(cwd, n)).find((f) => existsSync(f))
}

/** Load and validate a config file into a setup. */
export function loadConfigFile(file: string, env: NodeJS.ProcessEnv): ScenarioSetup {
  const { $schema: _schema, ...setup } = loadDocument(configFileSchema, file, env)
  return setup
}
