/**
 * The OAuth scopes of the management API.
 * @see CAEP Interoperability Profile 1.0 §"OAuth scopes" (caep.md §4)
 * @module
 */

/** Read operations: read stream(s), read status. */
export const SCOPE_READ = 'ssf.read'
/** Everything else: create/update/replace/delete, status update, subjects, verification, poll. */
export const SCOPE_MANAGE = 'ssf.manage'
/** Every scope the simulator's authorization server issues. */
export const SSF_SCOPES = [SCOPE_READ, SCOPE_MANAGE] as const
/** One of {@link SSF_SCOPES}. */
export type SsfScope = (typeof SSF_SCOPES)[number]

/**
 * Whether granted scopes satisfy a required one. `ssf.manage` implies `ssf.read` (a management
 * token may read what it manages; docs/decisions.md "Tenants and OAuth").
 */
export function scopeSatisfies(granted: ReadonlySet<string>, required: SsfScope): boolean {
  return granted.has(required) || (required === SCOPE_READ && granted.has(SCOPE_MANAGE))
}
