/**
 * JSON paths in findings.
 * @module
 */

/** Append a member to a JSON path, with bracket notation when the name is not an identifier. */
export function joinPath(base: string, name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)
    ? `${base}.${name}`
    : `${base}[${JSON.stringify(name)}]`
}
