/**
 * Private subject formats: names the user declares so that add-subject accepts them (a typo in
 * a registered name is a 400 instead). Declared the way custom event types are.
 * `GET/POST /api/subject-formats`, `DELETE /api/subject-formats/{name}`.
 * @see SSF 1.0 §3.2 (formats agreed between the parties), RFC 9493 §3
 * @module
 */
import { z } from 'zod'

/** `POST /api/subject-formats` request. */
export const subjectFormatCreateSchema = z.strictObject({
  name: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/,
      'must be 1-100 letters, digits, ".", "_", ":" or "-", starting with a letter or digit'
    ),
  description: z.string().max(2000).optional()
})
/** A declare-format request. */
export type SubjectFormatCreate = z.infer<typeof subjectFormatCreateSchema>

/** One subject format as listed: built in (registered or SSF-defined) or private. */
export const subjectFormatSchema = z.object({
  name: z.string(),
  builtin: z.boolean(),
  description: z.string().optional(),
  created_at: z.number().optional()
})
/** A listed subject format. */
export type SubjectFormat = z.infer<typeof subjectFormatSchema>
