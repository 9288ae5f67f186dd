/**
 * `GET /api/session`: declared once here; the engine answers with it and the UI parses with it.
 * @module
 */
import { z } from 'zod'

/** `GET /api/session`: what the UI needs to show the home screen. */
export const sessionInfoSchema = z.object({
  issuer: z.string(),
  metadata_url: z.string(),
  token: z.string(),
  version: z.string()
})
/** `GET /api/session`. */
export type SessionInfo = z.infer<typeof sessionInfoSchema>
