import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../../src/main/store/migrations'
import { openDatabase, type Db } from '../../../src/main/store/sqlite'

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
      expect(Number(db.pragma('user_version', { simple: true }))).toBe(9)
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
