/**
 * Subject consents (`/api/consents`): each body declared once.
 * @module
 */
import { z } from 'zod'
import type { SubjectIdentifier } from '../ssf'
import { subjectIdentifierSchema } from './streams'

/** `POST /api/consents` request (the subject is checked as an RFC 9493 identifier after this). */
export const grantConsentRequestSchema = z.strictObject({
  tenant: z.string().min(1).max(63).optional(),
  subject: z.record(z.string(), z.unknown()),
  client_id: z.string().min(1).max(200).optional()
})
/** `POST /api/consents` request. */
export type GrantConsentRequest = Omit<z.input<typeof grantConsentRequestSchema>, 'subject'> & {
  subject: SubjectIdentifier
}

/** `GET /api/consents` item, `POST /api/consents` response (201). */
export const consentViewSchema = z.object({
  consent_id: z.string(),
  tenant: z.string(),
  subject: subjectIdentifierSchema,
  client_id: z.string().optional(),
  granted_at: z.number(),
  revoked_at: z.number().optional()
})
/** `GET /api/consents` item, `POST /api/consents` response (201). */
export type ConsentView = z.infer<typeof consentViewSchema>

/** `GET /api/consents`. */
export const consentViewsSchema = z.array(consentViewSchema)
