/**
 * `GET /api/session`: declared once, in `session-fields.ts` (its fields), and built here into the
 * zod schema the engine answers with and the JSON Schema export describes.
 * @module
 */
import { z } from 'zod'
import { SESSION_FIELDS, type SessionField } from './session-fields'

const stringFields = Object.fromEntries(SESSION_FIELDS.map((key) => [key, z.string()]))

/** `GET /api/session`: what the UI needs to show the home screen. */
export const sessionInfoSchema = z.object(stringFields as Record<SessionField, z.ZodString>)

export type { SessionInfo } from './session-fields'
