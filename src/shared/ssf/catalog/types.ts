/**
 * Types of the event catalog: event-type entries, their claims, form metadata for the UI, and
 * the findings that validation and the SET linter produce (the one `Finding` of `../finding`).
 * @module
 */
import type { SubjectIdentifier } from '../subject'

export type { Finding, FindingSeverity } from '../finding'

/** The event profile an entry belongs to. */
export type EventProfile = 'caep' | 'risc' | 'ssf' | 'custom'

/** JSON type of a claim value. */
export type ClaimType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'any'

/**
 * Semantic format of a claim value, on top of its JSON type:
 * `seconds-timestamp` (NumericDate in seconds), `language-tagged` (object keyed by BCP 47 tags),
 * `uri`, `subject` (an RFC 9493 subject identifier), `string-array`, `json-object` (any members).
 */
export type ClaimFormat =
  | 'seconds-timestamp'
  | 'language-tagged'
  | 'uri'
  | 'subject'
  | 'string-array'
  | 'json-object'
  | 'email'
  | 'date-time'
  | 'uuid'

/** How strongly a spec asks for a claim. */
export type Requirement = 'required' | 'recommended' | 'optional'

/** What a form needs to render one input. */
export interface FormField {
  kind:
    | 'text'
    | 'textarea'
    | 'select'
    | 'combo'
    | 'number'
    | 'timestamp'
    | 'language-map'
    | 'json'
    | 'string-list'
    | 'checkbox'
    | 'subject'
  label: string
  placeholder?: string
  /** Choices for `select` (closed list) and suggestions for `combo` (open list). */
  options?: readonly string[]
  help?: string
}

/** One claim of an event payload. */
export interface ClaimSpec {
  name: string
  type: ClaimType
  requirement: Requirement
  format?: ClaimFormat
  /** Allowed values (case-sensitive). */
  enum?: readonly string[]
  /**
   * An open enum lists the spec's values but allows others "agreed by both parties": a value
   * outside the list is a warning, not an error.
   */
  openEnum?: boolean
  /** A string where an object is specified is only a warning (A28: RISC reason_*). */
  lenientString?: boolean
  description: string
  /** Spec section this claim is defined in, e.g. `CAEP 1.0 §3.3`. */
  section: string
  form: FormField
}

/** A constraint on the event's subject (`sub_id`). */
export interface SubjectConstraint {
  /** Simple formats allowed for the top-level subject. */
  formats: readonly string[]
  rule: string
  message: string
}

/** A catalog entry: one event type. */
export interface EventTypeEntry {
  uri: string
  /** Short name, e.g. `caep.session-revoked`, `risc.account-disabled`, `ssf.verification`. */
  name: string
  profile: EventProfile
  title: string
  description: string
  /** Spec section defining the event, e.g. `CAEP 1.0 §3.1`. */
  section: string
  /** Event-specific claims first, then the common claims that apply. */
  claims: readonly ClaimSpec[]
  /** A realistic example: the event payload and a `sub_id`. */
  example: { claims: Record<string, unknown>; sub_id: SubjectIdentifier }
  deprecated: boolean
  /** What to use instead when deprecated. */
  replacedBy?: string
  subject?: SubjectConstraint
  /** For custom types: the JSON Schema the payload is checked against. */
  schema?: JsonSchema
  /** For custom types: the stored id. */
  id?: string
}

/**
 * The JSON Schema (draft 2020-12) subset custom event types may use:
 * type, properties, required, enum, const, items, minimum/maximum, minLength/maxLength,
 * minItems/maxItems, pattern, format, additionalProperties, plus annotations.
 */
export interface JsonSchema {
  $schema?: string
  $id?: string
  title?: string
  description?: string
  type?: JsonSchemaType | JsonSchemaType[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  additionalProperties?: boolean | JsonSchema
  enum?: unknown[]
  const?: unknown
  items?: JsonSchema
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  minLength?: number
  maxLength?: number
  minItems?: number
  maxItems?: number
  pattern?: string
  format?: string
  default?: unknown
  examples?: unknown[]
}

/** JSON Schema primitive type names. */
export type JsonSchemaType =
  'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null'

/** A user-defined event type. */
export interface CustomEventType {
  id: string
  uri: string
  title: string
  description?: string
  schema: JsonSchema
  created_at: number
}
