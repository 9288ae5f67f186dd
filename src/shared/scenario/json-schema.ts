/**
 * The published JSON Schemas (`schemas/`), generated from the zod schemas so they cannot drift.
 * @module
 */
import { z } from 'zod'
import { configFileSchema, scenarioSchema } from './schema'

/** Public URL prefix of the schemas (the repository's `schemas/` folder). */
const ID_BASE = 'https://ssf-simulator.dev/schemas/'

/** File name → JSON Schema document, as written to `schemas/`. */
export function publishedSchemas(): Record<string, Record<string, unknown>> {
  const render = (schema: z.ZodType, file: string, title: string) => ({
    ...z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }),
    $id: `${ID_BASE}${file}`,
    title
  })
  return {
    'scenario.schema.json': render(scenarioSchema, 'scenario.schema.json', 'ssf-sim scenario'),
    'config.schema.json': render(configFileSchema, 'config.schema.json', 'ssf-sim config file')
  }
}
