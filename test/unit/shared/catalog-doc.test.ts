import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { format, resolveConfig } from 'prettier'
import { expect, it } from 'vitest'
import { renderCatalogMarkdown } from '../../../src/shared/ssf/catalog/markdown'

it('docs/event-catalog.md is generated from the catalog (run scripts/event-catalog-doc.ts)', async () => {
  const file = fileURLToPath(new URL('../../../docs/event-catalog.md', import.meta.url))
  const options = (await resolveConfig(file)) ?? {}
  const expected = await format(renderCatalogMarkdown(), { ...options, filepath: file })
  expect(readFileSync(file, 'utf8')).toBe(expected)
})
