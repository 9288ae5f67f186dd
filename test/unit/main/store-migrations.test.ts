import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../../src/main/store/migrations'
import { openDatabase, type Db } from '../../../src/main/store/sqlite'

const LATEST = Math.max(...MIGRATIONS.map((m) => m.version))

const tableNames = (db: Db): string[] =>
  (
    db.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table', 'index')`).all() as {
      name: string
    }[]
  ).map((r) => r.name)

describe('migration 9: drop receiver_exchanges', () => {
  let dir: string | undefined
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
    dir = undefined
  })

  it('opens a data folder written by schema 8 and removes the table and its index', () => {
    dir = mkdtempSync(join(tmpdir(), 'ssf-migrate-'))
    const old = openDatabase(
      dir,
      MIGRATIONS.filter((m) => m.version <= 8)
    )
    expect(tableNames(old)).toContain('receiver_exchanges')
    expect(Number(old.pragma('user_version', { simple: true }))).toBe(8)
    old.close()

    const db = openDatabase(dir)
    try {
      expect(Number(db.pragma('user_version', { simple: true }))).toBe(LATEST)
      const names = tableNames(db)
      expect(names.filter((n) => n.startsWith('receiver_exchanges'))).toEqual([])
      // What the Receiver keeps is still there.
      expect(names).toContain('receivers')
      expect(names).toContain('received_sets')
    } finally {
      db.close()
    }
  })

  it('gives a new data folder no receiver_exchanges table', () => {
    dir = mkdtempSync(join(tmpdir(), 'ssf-migrate-'))
    const db = openDatabase(dir)
    try {
      expect(tableNames(db)).not.toContain('receiver_exchanges')
    } finally {
      db.close()
    }
  })
})

describe('migration 10: SET tokens in their own table', () => {
  let dir: string | undefined
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
    dir = undefined
  })

  it('keeps every stored SET of a schema-9 data folder: token, claims and state', () => {
    dir = mkdtempSync(join(tmpdir(), 'ssf-migrate-'))
    const old = openDatabase(
      dir,
      MIGRATIONS.filter((m) => m.version <= 9)
    )
    const insert = old.prepare(
      `INSERT INTO outbound_sets (jti, stream_id, event_type, token, claims, state, queue_pos,
         created_at, updated_at) VALUES (?, 'st_1', 'urn:e', ?, ?, ?, ?, 1, 1)`
    )
    insert.run('j1', 'a.b.c', '{"jti":"j1"}', 'queued', 1)
    insert.run('j2', 'd.e.f', '{"jti":"j2"}', 'delivered', 2)
    old.close()

    const db = openDatabase(dir)
    try {
      expect(Number(db.pragma('user_version', { simple: true }))).toBe(LATEST)
      const rows = db
        .prepare(
          `SELECT s.jti, s.state, t.token, t.claims FROM outbound_sets s
             JOIN outbound_tokens t ON t.seq = s.seq ORDER BY s.seq`
        )
        .all()
      expect(rows).toEqual([
        { jti: 'j1', state: 'queued', token: 'a.b.c', claims: '{"jti":"j1"}' },
        { jti: 'j2', state: 'delivered', token: 'd.e.f', claims: '{"jti":"j2"}' }
      ])
    } finally {
      db.close()
    }
  })
})
