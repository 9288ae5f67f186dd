/**
 * The default client's token as saved in a data folder's database, read without starting the
 * engine (the CLI on the same machine as a running instance).
 * @module
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { DB_FILE } from './sqlite'

/** The default client's token in the database of `dataDir`, if it has one; never throws. */
export function readSavedToken(dataDir: string): string | undefined {
  const file = join(dataDir, DB_FILE)
  if (!existsSync(file)) return undefined
  let db: Database.Database | undefined
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
    const row: unknown = db.prepare('SELECT token FROM clients WHERE is_default = 1').get()
    return typeof row === 'object' &&
      row !== null &&
      'token' in row &&
      typeof row.token === 'string'
      ? row.token
      : undefined
  } catch {
    return undefined
  } finally {
    db?.close()
  }
}
