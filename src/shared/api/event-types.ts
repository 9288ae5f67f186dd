/**
 * The event catalog as the UI reads it (`GET /api/event-types`): the engine answers with its
 * catalog entries (`EventTypeEntry`, the schema's input), the schema fills in what an older or
 * custom entry leaves out.
 * @module
 */
import { z } from 'zod'
import type { SubjectIdentifier } from '../ssf'
import { subjectIdentifierSchema as subject } from './streams'

/** One claim of a catalog event type (`GET /api/event-types`). */
export interface CatalogClaim {
  name: string
  type: string
  required: boolean
  /** `required`, `recommended` or `optional` (the catalog's word). */
  requirement: string
  enum?: string[]
  description?: string
  /** Semantic format (`seconds-timestamp`, `language-tagged`, `subject`, …). */
  format?: string
  /** The spec section the claim is defined in. */
  section?: string
  /** Form metadata from the catalog: the widget kind, a label, options, placeholder, help. */
  form?: { kind: string; label: string; options?: string[]; placeholder?: string; help?: string }
}

/** One catalog entry (`GET /api/event-types`). */
export interface CatalogEventType {
  uri: string
  name: string
  title: string
  description: string
  profile: string
  deprecated: boolean
  claims: CatalogClaim[]
  example?: { claims: Record<string, unknown>; sub_id?: SubjectIdentifier }
}

/** `GET /api/event-types` response. */
export const eventTypesSchema: z.ZodType<CatalogEventType[]> = z.array(
  z.object({
    uri: z.string(),
    name: z.string(),
    title: z.string().catch(''),
    description: z.string().catch(''),
    profile: z.string().catch(''),
    deprecated: z.boolean().catch(false),
    claims: z
      .array(
        z
          .object({
            name: z.string(),
            type: z.string().catch('string'),
            // The catalog says `requirement: required|recommended|optional`.
            required: z.boolean().optional(),
            requirement: z.string().optional(),
            enum: z.array(z.string()).optional(),
            description: z.string().optional(),
            format: z.string().optional().catch(undefined),
            section: z.string().optional().catch(undefined),
            form: z
              .object({
                kind: z.string(),
                label: z.string(),
                options: z.array(z.string()).optional(),
                placeholder: z.string().optional(),
                help: z.string().optional()
              })
              .optional()
              .catch(undefined)
          })
          .transform(({ requirement, required, ...claim }) => ({
            ...claim,
            required: required ?? requirement === 'required',
            requirement: requirement ?? (required === true ? 'required' : 'optional')
          }))
      )
      .catch([]),
    example: z
      .object({ claims: z.record(z.string(), z.unknown()).catch({}), sub_id: subject.optional() })
      .optional()
      .catch(undefined)
  })
)
