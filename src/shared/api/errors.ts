/**
 * The body of every error the engine answers with (`{"err","description"}`), the one declaration
 * the error handler builds and the UI checks.
 * @see RFC 8935 §2.3
 * @module
 */
import { z } from 'zod'

/** Wire shape of every error body this app sends. */
export const errorBodySchema = z.object({ err: z.string(), description: z.string() })

/** Wire shape of every error body this app sends. @see RFC 8935 §2.3 */
export type ErrorBody = z.infer<typeof errorBodySchema>
