/**
 * The OAuth scopes of the management API.
 * @see CAEP Interoperability Profile 1.0 §"OAuth scopes" (caep.md §4)
 * @module
 */

import { SCOPE_MANAGE, SCOPE_READ, SSF_SCOPES } from '../../shared/api/oauth'

// Declared with the control API's OAuth bodies, which check requested scopes against them.
export { SCOPE_MANAGE, SCOPE_READ, SSF_SCOPES }
/** One of {@link SSF_SCOPES}. */
export type SsfScope = (typeof SSF_SCOPES)[number]

/**
 * Whether granted scopes satisfy a required one. `ssf.manage` implies `ssf.read` (a management
 * token may read what it manages; docs/decisions.md "Tenants and OAuth").
 */
export function scopeSatisfies(granted: ReadonlySet<string>, required: SsfScope): boolean {
  return granted.has(required) || (required === SCOPE_READ && granted.has(SCOPE_MANAGE))
}
