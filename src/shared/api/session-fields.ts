/**
 * The fields of `GET /api/session`, declared once: the zod schema in `session.ts` is built from
 * this list, and the UI's first screen checks the answer with {@link readSessionInfo}, which
 * needs no zod (zod and the other schemas load after the first screen is shown).
 * @module
 */

/** Every field of the session; each one is a string. */
export const SESSION_FIELDS = ['issuer', 'metadata_url', 'token', 'version'] as const

/** One field of the session. */
export type SessionField = (typeof SESSION_FIELDS)[number]

/** `GET /api/session`: what the UI needs to show the home screen. */
export type SessionInfo = Record<SessionField, string>

/**
 * The session in `value`, or undefined when it is not one: the same check as
 * `sessionInfoSchema` (every field a string; other keys are left out).
 */
export function readSessionInfo(value: unknown): SessionInfo | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const info: Partial<SessionInfo> = {}
  for (const key of SESSION_FIELDS) {
    const field: unknown = Reflect.get(value, key)
    if (typeof field !== 'string') return undefined
    info[key] = field
  }
  return hasEveryField(info) ? info : undefined
}

function hasEveryField(info: Partial<SessionInfo>): info is SessionInfo {
  return SESSION_FIELDS.every((key) => typeof info[key] === 'string')
}
