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
    version: 3,
    name: 'custom event types',
    sql: `
      CREATE TABLE custom_event_types (
        id          TEXT PRIMARY KEY,
        uri         TEXT NOT NULL UNIQUE,
        title       TEXT NOT NULL,
        description TEXT,
        schema      TEXT NOT NULL,
        created_at  INTEGER NOT NULL
      );
    `
  },
  {
    version: 4,
    name: 'receiver',
    sql: `
      CREATE TABLE receivers (
        receiver_id   TEXT PRIMARY KEY,
        issuer        TEXT NOT NULL,
        audience      TEXT NOT NULL,
        metadata_url  TEXT NOT NULL,
        metadata      TEXT NOT NULL,
        jwks          TEXT,
        jwks_fetched_at INTEGER,
        settings      TEXT NOT NULL,
        push_token    TEXT,
        remote_stream TEXT,
        verification_state TEXT,
        verification_pending INTEGER NOT NULL DEFAULT 0,
        created_at    INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL
      );
      CREATE TABLE receiver_exchanges (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        receiver_id      TEXT NOT NULL,
        direction        TEXT NOT NULL,
        operation        TEXT NOT NULL,
        method           TEXT NOT NULL,
        url              TEXT NOT NULL,
        request_headers  TEXT NOT NULL,
        request_body     TEXT,
        status           INTEGER,
        response_headers TEXT,
        response_body    TEXT,
        error            TEXT,
        started_at       INTEGER NOT NULL,
        duration_ms      INTEGER NOT NULL
      );
      CREATE INDEX receiver_exchanges_by_receiver ON receiver_exchanges(receiver_id, id);
      CREATE TABLE received_sets (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        receiver_id   TEXT NOT NULL,
        via           TEXT NOT NULL,
        received_at   INTEGER NOT NULL,
        jti           TEXT,
        raw           TEXT NOT NULL,
        header        TEXT,
        payload       TEXT,
        verdict       TEXT NOT NULL,
        err           TEXT,
        description   TEXT,
        findings      TEXT NOT NULL,
        exchange_id   INTEGER
      );
      CREATE INDEX received_sets_by_receiver ON received_sets(receiver_id, id);
      CREATE INDEX received_sets_by_jti ON received_sets(receiver_id, jti);
    `
  },
  {
    version: 2,
    name: 'delivery',
    sql: `
      CREATE TABLE outbound_sets (
        seq          INTEGER PRIMARY KEY AUTOINCREMENT,
        jti          TEXT NOT NULL UNIQUE,
        stream_id    TEXT NOT NULL,
        event_type   TEXT NOT NULL,
        token        TEXT NOT NULL,
        claims       TEXT NOT NULL,
        state        TEXT NOT NULL,
        queue_pos    INTEGER NOT NULL,
        attempts     INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER,
        last_error   TEXT,
        created_at   INTEGER NOT NULL,
        updated_at   INTEGER NOT NULL
      );
      CREATE INDEX outbound_sets_pos ON outbound_sets(queue_pos);
      CREATE INDEX outbound_sets_by_stream ON outbound_sets(stream_id, seq);
      CREATE INDEX outbound_sets_queued ON outbound_sets(stream_id, queue_pos) WHERE state = 'queued';
      CREATE INDEX outbound_sets_outstanding ON outbound_sets(stream_id, queue_pos)
        WHERE state IN ('queued', 'polled');
      CREATE INDEX outbound_sets_held ON outbound_sets(stream_id) WHERE state = 'held';
      CREATE TABLE delivery_attempts (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        jti             TEXT NOT NULL,
        stream_id       TEXT NOT NULL,
        method          TEXT NOT NULL,
        attempt         INTEGER NOT NULL,
        started_at      INTEGER NOT NULL,
        duration_ms     INTEGER NOT NULL,
        request_url     TEXT,
        response_status INTEGER,
        response_body   TEXT,
        error           TEXT,
        outcome         TEXT NOT NULL
      );
      CREATE INDEX delivery_attempts_by_jti ON delivery_attempts(jti, id);
      CREATE TABLE poll_set_errors (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        stream_id   TEXT NOT NULL,
        jti         TEXT NOT NULL,
        err         TEXT NOT NULL,
        description TEXT NOT NULL,
        received_at INTEGER NOT NULL
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
  },
  {
    version: 7,
    name: 'fire-templates',
    sql: `
      CREATE TABLE IF NOT EXISTS fire_templates (
        template_id TEXT PRIMARY KEY,
        name        TEXT NOT NULL UNIQUE,
        body        TEXT NOT NULL,
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL
      );
    `
  },
  {
    version: 6,
    name: 'traffic-inspector',
    sql: `
      CREATE TABLE traffic (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        at               INTEGER NOT NULL,
        duration_ms      INTEGER NOT NULL,
        direction        TEXT NOT NULL,
        kind             TEXT NOT NULL,
        method           TEXT NOT NULL,
        url              TEXT NOT NULL,
        status           INTEGER,
        request_headers  TEXT NOT NULL,
        request_body     TEXT,
        response_headers TEXT NOT NULL,
        response_body    TEXT,
        error            TEXT,
        stream_id        TEXT,
        jti              TEXT,
        event_type       TEXT,
        receiver_id      TEXT
      );
      CREATE INDEX traffic_by_stream ON traffic(stream_id, id) WHERE stream_id IS NOT NULL;
      CREATE INDEX traffic_by_kind ON traffic(kind, id);
      CREATE INDEX traffic_by_status ON traffic(status, id);
      CREATE INDEX traffic_by_jti ON traffic(jti) WHERE jti IS NOT NULL;
      CREATE INDEX traffic_by_event_type ON traffic(event_type, id) WHERE event_type IS NOT NULL;
      CREATE TABLE stream_faults (
        stream_id   TEXT PRIMARY KEY,
        faults      TEXT NOT NULL,
        updated_at  INTEGER NOT NULL
      );
      CREATE TABLE receiver_faults (
        receiver_id TEXT PRIMARY KEY,
        faults      TEXT NOT NULL,
        updated_at  INTEGER NOT NULL
      );
    `
  },
  {
    version: 8,
    name: 'removed-subjects-private-formats',
    sql: `
      CREATE TABLE stream_removed_subjects (
        stream_id   TEXT NOT NULL REFERENCES streams(stream_id) ON DELETE CASCADE,
        subject_key TEXT NOT NULL,
        subject     TEXT NOT NULL,
        removed_at  INTEGER NOT NULL,
        until       INTEGER NOT NULL,
        PRIMARY KEY (stream_id, subject_key)
      );
      CREATE TABLE subject_formats (
        name        TEXT PRIMARY KEY,
        description TEXT,
        created_at  INTEGER NOT NULL
      );
    `
  },
  {
    version: 9,
    // The Receiver's exchanges are in the traffic log (one exchange log); nothing reads or writes
    // this table since then. Dropping the table drops its index.
    name: 'drop-receiver-exchanges',
    sql: `DROP TABLE IF EXISTS receiver_exchanges;`
  },
  {
    // A poll turn rewrites narrow rows (the state), not the SET tokens (docs/performance.md);
    // a recorded poll response names the stored SETs it carried instead of copying them.
    version: 10,
    name: 'narrow-outbound-rows',
    sql: `
      CREATE TABLE outbound_tokens (
        seq    INTEGER PRIMARY KEY,
        token  TEXT NOT NULL,
        claims TEXT NOT NULL
      );
      INSERT INTO outbound_tokens (seq, token, claims) SELECT seq, token, claims FROM outbound_sets;
      ALTER TABLE outbound_sets DROP COLUMN token;
      ALTER TABLE outbound_sets DROP COLUMN claims;
      ALTER TABLE traffic ADD COLUMN response_set_refs TEXT;
    `
  }
]
