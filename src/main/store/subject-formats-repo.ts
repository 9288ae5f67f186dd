/**
 * Private subject formats declared by the user, persisted (see `src/shared/api/subject-formats`).
 * @module
 */
import type { Db } from './sqlite'

/** A stored private format. */
export interface PrivateSubjectFormat {
  name: string
  description?: string
  created_at: number
}

/** Data access for private subject formats. */
export function createSubjectFormatsRepo(db: Db) {
  const all = db.prepare<[], { name: string; description: string | null; created_at: number }>(
    'SELECT name, description, created_at FROM subject_formats ORDER BY name'
  )
  const insert = db.prepare(
    'INSERT INTO subject_formats (name, description, created_at) VALUES (?, ?, ?)'
  )
  const remove = db.prepare<[string]>('DELETE FROM subject_formats WHERE name = ?')
  return {
    list(): PrivateSubjectFormat[] {
      return all.all().map((r) => ({
        name: r.name,
        created_at: r.created_at,
        ...(r.description === null ? {} : { description: r.description })
      }))
    },
    names(): string[] {
      return all.all().map((r) => r.name)
    },
    /** False when the name is already declared. */
    create(name: string, description: string | undefined, now: number): boolean {
      return insert.run(name, description ?? null, now).changes > 0
    },
    delete(name: string): boolean {
      return remove.run(name).changes > 0
    }
  }
}

/** The private subject formats repository. */
export type SubjectFormatsRepo = ReturnType<typeof createSubjectFormatsRepo>
