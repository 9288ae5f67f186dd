/**
 * Management-API clients (`/api/clients`): each request and response body, declared once; the
 * engine parses requests and types its answers with them, the UI parses the answers.
 * @module
 */
import { z } from 'zod'

/** `POST /api/clients` request. */
export const createClientRequestSchema = z.strictObject({
  name: z.string().trim().min(1, 'must be a non-empty string').max(200),
  audience: z.string().min(1).max(2048).optional(),
  /** A fixed bearer token: lets a pipeline configure the app under test before the simulator starts. */
  token: z
    .string()
    .regex(/^[\x21-\x7e]{8,512}$/, 'must be 8-512 visible ASCII characters')
    .optional()
})
/** `POST /api/clients` request. */
export type CreateClientRequest = z.input<typeof createClientRequestSchema>

/** `POST /api/clients` response (201): the only answer that carries the token. */
export const createClientResponseSchema = z.object({
  client_id: z.string(),
  token: z.string(),
  name: z.string(),
  audience: z.string()
})
/** `POST /api/clients` response (201). */
export type CreateClientResponse = z.infer<typeof createClientResponseSchema>

/** `GET /api/clients` item (tokens are not listed). */
export const clientSummarySchema = z.object({
  client_id: z.string(),
  name: z.string(),
  audience: z.string(),
  is_default: z.boolean(),
  created_at: z.number()
})
/** `GET /api/clients` item. */
export type ClientSummary = z.infer<typeof clientSummarySchema>

/** `GET /api/clients`. */
export const clientSummariesSchema = z.array(clientSummarySchema)
