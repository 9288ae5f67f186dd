/**
 * `oauth_store`: what oidc-provider persists (registered clients, grants, sessions, interactions,
 * authorization codes), one JSON payload per model and id, with its expiry.
 * @module
 */
import type { Db } from './sqlite'

/** A stored payload and its expiry (epoch ms, `null` = none). */
export interface OAuthRow {
  payload: string
  expires_at: number | null
}

/** What an upsert writes. */
export interface OAuthEntry {
  model: string
  id: string
  payload: string
  grant_id: string | null
  user_code: string | null
  uid: string | null
  expires_at: number | null
}

/** Data access for oidc-provider's storage. */
export function createOAuthRepo(db: Db) {
  const upsert = db.prepare<[OAuthEntry]>(
    `INSERT INTO oauth_store (model, id, payload, grant_id, user_code, uid, expires_at)
     VALUES (@model, @id, @payload, @grant_id, @user_code, @uid, @expires_at)
     ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload, grant_id = excluded.grant_id,
       user_code = excluded.user_code, uid = excluded.uid, expires_at = excluded.expires_at`
  )
  const byId = db.prepare<[string, string], OAuthRow>(
    'SELECT payload, expires_at FROM oauth_store WHERE model = ? AND id = ?'
  )
  const payloadsOf = db.prepare<[string], { payload: string }>(
    'SELECT payload FROM oauth_store WHERE model = ? ORDER BY rowid'
  )
  const byUid = db.prepare<[string, string], OAuthRow>(
    'SELECT payload, expires_at FROM oauth_store WHERE model = ? AND uid = ?'
  )
  const byUserCode = db.prepare<[string, string], OAuthRow>(
    'SELECT payload, expires_at FROM oauth_store WHERE model = ? AND user_code = ?'
  )
  const consume = db.prepare<[number, string, string]>(
    "UPDATE oauth_store SET payload = json_set(payload, '$.consumed', ?) WHERE model = ? AND id = ?"
  )
  const remove = db.prepare<[string, string]>('DELETE FROM oauth_store WHERE model = ? AND id = ?')
  const removeGrant = db.prepare<[string]>('DELETE FROM oauth_store WHERE grant_id = ?')
  const purge = db.prepare<[number]>(
    'DELETE FROM oauth_store WHERE expires_at IS NOT NULL AND expires_at <= ?'
  )

  return {
    upsert(entry: OAuthEntry): void {
      upsert.run(entry)
    },
    byId(model: string, id: string): OAuthRow | undefined {
      return byId.get(model, id)
    },
    byUid(model: string, uid: string): OAuthRow | undefined {
      return byUid.get(model, uid)
    },
    /** Every stored payload of `model`, oldest first. */
    payloads(model: string): string[] {
      return payloadsOf.all(model).map((row) => row.payload)
    },
    byUserCode(model: string, userCode: string): OAuthRow | undefined {
      return byUserCode.get(model, userCode)
    },
    /** Mark consumed at `atSeconds` (epoch seconds, as oidc-provider reads it). */
    consume(model: string, id: string, atSeconds: number): void {
      consume.run(atSeconds, model, id)
    },
    remove(model: string, id: string): void {
      remove.run(model, id)
    },
    removeGrant(grantId: string): void {
      removeGrant.run(grantId)
    },
    /** Delete every entry expired at `now` (epoch ms). */
    purgeExpired(now: number): void {
      purge.run(now)
    }
  }
}

/** The oauth repo. */
export type OAuthRepo = ReturnType<typeof createOAuthRepo>
