/**
 * Validate JUnit XML against our JUnit XML schema (test/fixtures/junit/JUnit.xsd, the Ant/Surefire layout) with xmllint
 * compiled to WebAssembly: the same checks as `xmllint --schema`, no system package needed.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { validateXML } from 'xmllint-wasm'

const XSD = readFileSync(join(process.cwd(), 'test/fixtures/junit/JUnit.xsd'), 'utf8')

/** The schema errors of `xml` (empty when valid). */
export async function junitSchemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'junit.xml', contents: xml }],
    schema: [{ fileName: 'JUnit.xsd', contents: XSD }]
  })
  return result.errors.map((e) => e.rawMessage)
}
