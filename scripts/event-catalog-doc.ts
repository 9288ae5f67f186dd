// Writes docs/event-catalog.md from the catalog: `npx tsx scripts/event-catalog-doc.ts`.
// test/unit/shared/catalog-doc.test.ts fails when the file is out of date.
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { format, resolveConfig } from 'prettier'
import { renderCatalogMarkdown } from '../src/shared/ssf/catalog/markdown'

const file = fileURLToPath(new URL('../docs/event-catalog.md', import.meta.url))
const options = (await resolveConfig(file)) ?? {}
writeFileSync(file, await format(renderCatalogMarkdown(), { ...options, filepath: file }))
