/**
 * Form values of catalog claims and their conversion to SET event claims. The widget comes from
 * the catalog's `form` metadata (with the claim's type and enum as a fallback).
 * @module
 */
import type { CatalogClaim } from '../../api/schemas'

/** One row of a language-tagged message (`{"en": "…"}`). */
export interface LangEntry {
  lang: string
  text: string
}

/**
 * A claim's form value: text for strings, enums, numbers and JSON; a boolean for switches; a list
 * for string lists; rows for language maps.
 */
export type ClaimValue = string | boolean | string[] | LangEntry[]

/** The widgets the Fire form draws. */
export type ClaimWidget =
  | 'select'
  | 'combo'
  | 'switch'
  | 'number'
  | 'timestamp'
  | 'language-map'
  | 'string-list'
  | 'json'
  | 'subject'
  | 'textarea'
  | 'text'

/** The widget a claim gets: the catalog's `form.kind` first, then its type. */
export function claimWidget(claim: CatalogClaim): ClaimWidget {
  switch (claim.form?.kind) {
    case 'select':
      return 'select'
    case 'combo':
      return 'combo'
    case 'checkbox':
      return 'switch'
    case 'number':
      return 'number'
    case 'timestamp':
      return 'timestamp'
    case 'language-map':
      return 'language-map'
    case 'string-list':
      return 'string-list'
    case 'json':
      return claim.format === 'subject' ? 'subject' : 'json'
    case 'subject':
      return 'subject'
    case 'textarea':
      return 'textarea'
    case 'text':
      return claim.enum && claim.enum.length > 0 ? 'select' : 'text'
    default:
      break
  }
  if (claim.format === 'seconds-timestamp') return 'timestamp'
  if (claim.format === 'language-tagged') return 'language-map'
  if (claim.format === 'subject') return 'subject'
  if (claim.enum && claim.enum.length > 0) return 'select'
  const t = claim.type.toLowerCase()
  if (t === 'boolean') return 'switch'
  if (t === 'number' || t === 'integer') return 'number'
  if (t === 'object' || t === 'array' || t === 'json' || t === 'any') return 'json'
  return 'text'
}

/** Form values from claim values (e.g. a catalog example or a template). */
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
    else if (widget === 'string-list' && Array.isArray(v) && v.every((x) => typeof x === 'string'))
      out[claim.name] = v
    else if (widget === 'language-map' && typeof v === 'object' && v !== null && !Array.isArray(v))
      out[claim.name] = Object.entries(v).map(([lang, text]) => ({
        lang,
        text: typeof text === 'string' ? text : JSON.stringify(text)
      }))
    else if (widget === 'language-map' && typeof v === 'string')
      out[claim.name] = [{ lang: 'en', text: v }]
    else if (typeof v === 'string' && widget !== 'json' && widget !== 'subject') out[claim.name] = v
    else if (widget === 'json' || widget === 'subject' || typeof v === 'object')
      out[claim.name] = JSON.stringify(v, null, 2)
    else out[claim.name] = String(v)
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
    if (Array.isArray(v)) {
      if (widget === 'string-list') {
        const list = v.filter((x): x is string => typeof x === 'string')
        if (list.length > 0) out[claim.name] = list
        else if (claim.required) problems[claim.name] = `"${claim.name}" is required`
        continue
      }
      const map: Record<string, string> = {}
      for (const row of v) {
        if (typeof row === 'string') continue
        if (row.text.trim() === '' && row.lang.trim() === '') continue
        if (row.lang.trim() === '') problems[claim.name] = 'every message needs a language tag'
        else map[row.lang.trim()] = row.text
      }
      if (Object.keys(map).length > 0) out[claim.name] = map
      else if (claim.required) problems[claim.name] = `"${claim.name}" is required`
      continue
    }
    const text = typeof v === 'string' ? v.trim() : ''
    if (text === '') {
      if (claim.required) problems[claim.name] = `"${claim.name}" is required`
      continue
    }
    if (widget === 'number' || widget === 'timestamp') {
      const n = Number(text)
      if (!Number.isFinite(n)) problems[claim.name] = `"${claim.name}" must be a number`
      else out[claim.name] = n
    } else if (widget === 'json' || widget === 'subject') {
      try {
        out[claim.name] = JSON.parse(text)
      } catch {
        problems[claim.name] = `"${claim.name}" must be valid JSON`
      }
    } else out[claim.name] = text
  }
  return { claims: out, problems }
}
