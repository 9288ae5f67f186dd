/**
 * The SQLite file under the data folder (better-sqlite3, WAL) and its migrations.
 * @module
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { startCheckpointer } from './checkpointer'
import { MIGRATIONS, type Migration } from './migrations'

/** The open database handle type. */
export type Db = Database.Database

/** File name of the store inside the data folder. */
export const DB_FILE = 'ssf-sim.sqlite'

/** Open (creating if needed) the store in `dataDir` and bring its schema up to date. */
export function openDatabase(dataDir: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  mkdirSync(dataDir, { recursive: true })
  const db = new Database(join(dataDir, DB_FILE))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  // 4 MB of page cache, not better-sqlite3's 16 MB: the hot pages (queue heads, index ends) are
  // few, and the cache was an eighth of the RSS after 10,000 fires (docs/performance.md).
  db.pragma('cache_size = -4000')
  migrate(db, migrations)
  // Checkpoints run on a worker thread; it stops (last checkpoint) when the store closes.
  const stopCheckpoints = startCheckpointer(db)
  const close = db.close.bind(db)
  db.close = () => {
    void stopCheckpoints()
    return close()
  }
  return db
}

/** Apply every migration newer than the file's `user_version`, each in its own transaction. */
export function migrate(db: Db, migrations: readonly Migration[]): void {
  const current = Number(db.pragma('user_version', { simple: true }))
  const newest = migrations.reduce((max, m) => Math.max(max, m.version), 0)
  if (current > newest)
    throw new Error(
      `the data folder was written by a newer SSF Simulator (schema ${current} > ${newest}); upgrade the app`
    )
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue
    db.transaction(() => {
      db.exec(m.sql)
      db.pragma(`user_version = ${m.version}`)
    })()
  }
}
