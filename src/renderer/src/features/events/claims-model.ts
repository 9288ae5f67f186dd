/**
 * Form values of catalog claims and their conversion to SET event claims.
 * @module
 */
import type { CatalogClaim } from '../../api/schemas'

/** A claim's form value: text for strings, enums, numbers and JSON; a boolean for switches. */
export type ClaimValue = string | boolean

/** The widget a claim type gets. */
export function claimWidget(claim: CatalogClaim): 'select' | 'switch' | 'number' | 'json' | 'text' {
  if (claim.enum && claim.enum.length > 0) return 'select'
  const t = claim.type.toLowerCase()
  if (t === 'boolean') return 'switch'
  if (t === 'number' || t === 'integer' || t === 'numericdate' || t === 'timestamp') return 'number'
  if (t === 'object' || t === 'array' || t === 'json') return 'json'
  return 'text'
}

/** Form values from claim values (e.g. a catalog example). */
export function claimValuesFrom(
  claims: readonly CatalogClaim[],
  source: Record<string, unknown>
): Record<string, ClaimValue> {
  const out: Record<string, ClaimValue> = {}
  for (const claim of claims) {
    const v = source[claim.name]
    if (v === undefined) continue
    const widget = claimWidget(claim)
    if (widget === 'switch') out[claim.name] = v === true
    else if (widget === 'json') out[claim.name] = JSON.stringify(v, null, 2)
    else out[claim.name] = typeof v === 'string' ? v : String(v)
  }
  return out
}

/** Build event claims; returns per-claim problems instead of throwing. */
export function buildClaims(
  claims: readonly CatalogClaim[],
  values: Record<string, ClaimValue>
): { claims: Record<string, unknown>; problems: Record<string, string> } {
  const out: Record<string, unknown> = {}
  const problems: Record<string, string> = {}
  for (const claim of claims) {
    const v = values[claim.name]
    const widget = claimWidget(claim)
    if (widget === 'switch') {
      if (v !== undefined) out[claim.name] = v === true
      continue
    }
    const text = typeof v === 'string' ? v.trim() : ''
    if (text === '') {
      if (claim.required) problems[claim.name] = `"${claim.name}" is required`
      continue
    }
    if (widget === 'number') {
      const n = Number(text)
      if (!Number.isFinite(n)) problems[claim.name] = `"${claim.name}" must be a number`
      else out[claim.name] = n
    } else if (widget === 'json') {
      try {
        out[claim.name] = JSON.parse(text)
      } catch {
        problems[claim.name] = `"${claim.name}" must be valid JSON`
      }
    } else out[claim.name] = text
  }
  return { claims: out, problems }
}
