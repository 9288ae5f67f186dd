/**
 * Read scenario and config files: YAML or JSON, `${VAR}` / `${VAR:-default}` taken from the
 * environment (so a pipeline can pass the app's URL), then validated by the zod schema.
 * @module
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type * as Yaml from 'yaml'
import type { z } from 'zod'
import { UsageError } from '../../core/config'

// Loaded with the first scenario or config file: `serve` without one never needs the YAML parser
// (it was a twentieth of the start-up time).
let yaml: typeof Yaml | undefined
const parseYaml = (text: string, options: Yaml.ParseOptions): unknown =>
  (yaml ??= createRequire(import.meta.url)('yaml') as typeof Yaml).parse(text, options)

/** Replace `${VAR}` and `${VAR:-default}` in every string of a parsed document. */
export function interpolate(value: unknown, env: NodeJS.ProcessEnv, where = '$'): unknown {
  if (typeof value === 'string')
    return value.replace(
      /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g,
      (_m, name: string, fallback?: string) => {
        const v = env[name]
        if (v !== undefined && v !== '') return v
        if (fallback !== undefined) return fallback
        throw new UsageError(`${where}: environment variable ${name} is not set`)
      }
    )
  if (Array.isArray(value)) return value.map((v, i) => interpolate(v, env, `${where}[${i}]`))
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, interpolate(v, env, `${where}.${k}`)])
    )
  return value
}

/** Parse YAML or JSON text (JSON is YAML) and validate it. */
export function parseDocument<S extends z.ZodType>(
  schema: S,
  text: string,
  file: string,
  env: NodeJS.ProcessEnv
): z.infer<S> {
  let raw: unknown
  try {
    raw = parseYaml(text, { prettyErrors: true })
  } catch (err) {
    throw new UsageError(
      `${file}: not YAML or JSON: ${err instanceof Error ? err.message : String(err)}`
    )
  }
  const parsed = schema.safeParse(interpolate(raw, env))
  if (!parsed.success)
    throw new UsageError(
      `${file} is not valid:\n${parsed.error.issues
        .map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('\n')}`
    )
  return parsed.data
}

/** Read and validate a file. */
export function loadDocument<S extends z.ZodType>(
  schema: S,
  file: string,
  env: NodeJS.ProcessEnv
): z.infer<S> {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`)
  }
  return parseDocument(schema, text, file, env)
}
