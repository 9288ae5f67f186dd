/**
 * The `meta` table: named values of the engine itself (the authorization server's secrets, ...).
 * @module
 */
import type { Db } from './sqlite'

/** Data access for `meta`. */
export function createMetaRepo(db: Db) {
  const read = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?')
  const write = db.prepare<[string, string]>(
    'INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'
  )
  return {
    get(key: string): string | undefined {
      return read.get(key)?.value
    },
    set(key: string, value: string): void {
      write.run(key, value)
    }
  }
}

/** The meta repo. */
export type MetaRepo = ReturnType<typeof createMetaRepo>
