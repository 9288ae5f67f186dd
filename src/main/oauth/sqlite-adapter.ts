/**
 * oidc-provider storage adapter over our SQLite file: registered clients, grants, sessions,
 * interactions and authorization codes survive a restart. JWT access tokens are not stored
 * (they are structured tokens).
 * @see https://github.com/panva/node-oidc-provider/blob/main/example/my_adapter.js
 * @module
 */
import type { Adapter, AdapterConstructor, AdapterPayload } from 'oidc-provider'
import type { Db } from '../store/sqlite'

interface StoreRow {
  payload: string
  expires_at: number | null
}

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
  const upsert = db.prepare(
    `INSERT INTO oauth_store (model, id, payload, grant_id, user_code, uid, expires_at)
     VALUES (@model, @id, @payload, @grant_id, @user_code, @uid, @expires_at)
     ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload, grant_id = excluded.grant_id,
       user_code = excluded.user_code, uid = excluded.uid, expires_at = excluded.expires_at`
  )
  const byId = db.prepare<[string, string], StoreRow>(
    'SELECT payload, expires_at FROM oauth_store WHERE model = ? AND id = ?'
  )
  const byUid = db.prepare<[string, string], StoreRow>(
    'SELECT payload, expires_at FROM oauth_store WHERE model = ? AND uid = ?'
  )
  const byUserCode = db.prepare<[string, string], StoreRow>(
    'SELECT payload, expires_at FROM oauth_store WHERE model = ? AND user_code = ?'
  )
  const consume = db.prepare(
    "UPDATE oauth_store SET payload = json_set(payload, '$.consumed', ?) WHERE model = ? AND id = ?"
  )
  const remove = db.prepare('DELETE FROM oauth_store WHERE model = ? AND id = ?')
  const removeGrant = db.prepare('DELETE FROM oauth_store WHERE grant_id = ?')
  const purge = db.prepare(
    'DELETE FROM oauth_store WHERE expires_at IS NOT NULL AND expires_at <= ?'
  )

  const live = (row: StoreRow | undefined): AdapterPayload | undefined =>
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
      purge.run(now)
      upsert.run({
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
      return live(byId.get(this.model, id))
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return live(byUid.get(this.model, uid))
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return live(byUserCode.get(this.model, userCode))
    }

    async consume(id: string): Promise<void> {
      consume.run(Math.floor(Date.now() / 1000), this.model, id)
    }

    async destroy(id: string): Promise<void> {
      remove.run(this.model, id)
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      removeGrant.run(grantId)
    }
  }
}
