/**
 * Versioned schema migrations, applied in order inside one transaction each; the schema version
 * lives in SQLite's `user_version`. Append new migrations; never edit a released one.
 * @module
 */

/** One schema step. */
export interface Migration {
  version: number
  name: string
  sql: string
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'foundation',
    sql: `
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE signing_keys (
        kid         TEXT PRIMARY KEY,
        alg         TEXT NOT NULL,
        private_jwk TEXT NOT NULL,
        public_jwk  TEXT NOT NULL,
        created_at  INTEGER NOT NULL,
        active      INTEGER NOT NULL DEFAULT 1,
        retire_at   INTEGER
      );
      CREATE TABLE clients (
        client_id    TEXT PRIMARY KEY,
        name         TEXT NOT NULL,
        audience     TEXT NOT NULL,
        token        TEXT NOT NULL UNIQUE,
        is_default   INTEGER NOT NULL DEFAULT 0,
        created_at   INTEGER NOT NULL
      );
      CREATE TABLE streams (
        stream_id                TEXT PRIMARY KEY,
        client_id                TEXT NOT NULL REFERENCES clients(client_id),
        config                   TEXT NOT NULL,
        status                   TEXT NOT NULL DEFAULT 'enabled',
        reason                   TEXT,
        created_at               INTEGER NOT NULL,
        updated_at               INTEGER NOT NULL,
        last_verification_at     INTEGER
      );
      CREATE INDEX streams_by_client ON streams(client_id, created_at);
      CREATE TABLE stream_subjects (
        stream_id   TEXT NOT NULL REFERENCES streams(stream_id) ON DELETE CASCADE,
        subject_key TEXT NOT NULL,
        subject     TEXT NOT NULL,
        verified    INTEGER NOT NULL,
        added_at    INTEGER NOT NULL,
        PRIMARY KEY (stream_id, subject_key)
      );
      CREATE TABLE verification_requests (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        stream_id    TEXT NOT NULL REFERENCES streams(stream_id) ON DELETE CASCADE,
        state        TEXT,
        requested_at INTEGER NOT NULL
      );
    `
  },
  {
    version: 5,
    name: 'tenants-oauth-consent',
    sql: `
      CREATE TABLE tenants (
        tenant_id   TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        created_at  INTEGER NOT NULL
      );
      ALTER TABLE streams ADD COLUMN tenant TEXT NOT NULL DEFAULT 'default';
      ALTER TABLE streams ADD COLUMN consent_required INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX streams_by_tenant ON streams(tenant, client_id, created_at);
      CREATE TABLE oauth_store (
        model       TEXT NOT NULL,
        id          TEXT NOT NULL,
        payload     TEXT NOT NULL,
        grant_id    TEXT,
        user_code   TEXT,
        uid         TEXT,
        expires_at  INTEGER,
        PRIMARY KEY (model, id)
      );
      CREATE INDEX oauth_store_grant ON oauth_store(grant_id);
      CREATE INDEX oauth_store_uid ON oauth_store(uid);
      CREATE TABLE subject_consents (
        consent_id  TEXT PRIMARY KEY,
        tenant      TEXT NOT NULL,
        subject_key TEXT NOT NULL,
        subject     TEXT NOT NULL,
        client_id   TEXT,
        granted_at  INTEGER NOT NULL,
        revoked_at  INTEGER
      );
      CREATE INDEX subject_consents_by_subject ON subject_consents(tenant, subject_key);
    `
  }
]
