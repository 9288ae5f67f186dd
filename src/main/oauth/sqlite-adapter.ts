/**
 * oidc-provider storage adapter over our SQLite file: registered clients, grants, sessions,
 * interactions and authorization codes survive a restart. JWT access tokens are not stored
 * (they are structured tokens).
 * @see https://github.com/panva/node-oidc-provider/blob/main/example/my_adapter.js
 * @module
 */
import type { Adapter, AdapterConstructor, AdapterPayload } from 'oidc-provider'
import { createOAuthRepo, type OAuthRow } from '../store/oauth-repo'
import type { Db } from '../store/sqlite'

/** Stored payloads are JSON objects written by oidc-provider itself; anything else reads as absent. */
function parsePayload(raw: string): AdapterPayload | undefined {
  try {
    const value: unknown = JSON.parse(raw)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as AdapterPayload)
      : undefined
  } catch {
    return undefined
  }
}

/**
 * An adapter class bound to `db`. Expiry uses the system clock, like oidc-provider's own
 * timestamps (the engine's injectable clock only drives the resource server's token checks).
 */
export function createSqliteAdapter(db: Db): AdapterConstructor {
  const repo = createOAuthRepo(db)

  const live = (row: OAuthRow | undefined): AdapterPayload | undefined =>
    row && (row.expires_at === null || row.expires_at > Date.now())
      ? parsePayload(row.payload)
      : undefined

  return class SqliteAdapter implements Adapter {
    readonly model: string

    constructor(model: string) {
      this.model = model
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
      const now = Date.now()
      repo.purgeExpired(now)
      repo.upsert({
        model: this.model,
        id,
        payload: JSON.stringify(payload),
        grant_id: payload.grantId ?? null,
        user_code: payload.userCode ?? null,
        uid: payload.uid ?? null,
        expires_at: typeof expiresIn === 'number' ? now + expiresIn * 1000 : null
      })
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      return live(repo.byId(this.model, id))
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return live(repo.byUid(this.model, uid))
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return live(repo.byUserCode(this.model, userCode))
    }

    async consume(id: string): Promise<void> {
      repo.consume(this.model, id, Math.floor(Date.now() / 1000))
    }

    async destroy(id: string): Promise<void> {
      repo.remove(this.model, id)
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      repo.removeGrant(grantId)
    }
  }
}
