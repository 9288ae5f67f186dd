// Writes schemas/*.schema.json from the zod schemas (npm run schemas). A test checks they match.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { publishedSchemas } from '../src/shared/scenario/json-schema'

for (const [file, schema] of Object.entries(publishedSchemas()))
  writeFileSync(join('schemas', file), `${JSON.stringify(schema, null, 2)}\n`)
