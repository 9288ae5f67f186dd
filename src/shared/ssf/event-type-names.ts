/**
 * Classifying event types. Names such as `caep.session-revoked` are resolved by the catalog's
 * `findEventType()`.
 * @module
 */
import { SSF_EVENT_TYPES } from './event-types'

/** True for the SSF stream-management events (verification, stream-updated). @see SSF 1.0 §8.1 */
export function isSsfEventType(uri: string): boolean {
  return (Object.values(SSF_EVENT_TYPES) as string[]).includes(uri)
}
