/**
 * Saved fire templates (migration 7): a named fire form kept so the UI, the CLI and CI share it.
 * A template of the same name is replaced on save (its id kept).
 * @module
 */
import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import { fireTemplateInputSchema, type FireTemplate } from '../../shared/api/events'
import type { Db } from './sqlite'

/** What a template holds: the body of a `POST /api/events` plus a name. */
export type FireTemplateInput = z.infer<typeof fireTemplateInputSchema>

/** A stored template (`GET /api/templates`): declared with the control API's bodies. */
export type { FireTemplate }

interface TemplateRow {
  template_id: string
  body: string
  created_at: number
  updated_at: number
}

/** Parse a stored row; a row whose body no longer parses is skipped, never thrown. */
function fromRow(row: TemplateRow): FireTemplate | undefined {
  let json: unknown
  try {
    json = JSON.parse(row.body)
  } catch {
    return undefined
  }
  const body = fireTemplateInputSchema.safeParse(json)
  if (!body.success) return undefined
  return {
    ...body.data,
    template_id: row.template_id,
    created_at: row.created_at,
    updated_at: row.updated_at
  }
}

/** Data access for fire templates. */
export function createTemplatesRepo(db: Db) {
  const all = db.prepare<[], TemplateRow>(
    'SELECT template_id, body, created_at, updated_at FROM fire_templates ORDER BY name COLLATE NOCASE, created_at'
  )
  const byName = db.prepare<[string], Pick<TemplateRow, 'template_id' | 'created_at'>>(
    'SELECT template_id, created_at FROM fire_templates WHERE name = ?'
  )
  const upsert = db.prepare(
    `INSERT INTO fire_templates (template_id, name, body, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(template_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`
  )
  const remove = db.prepare<[string]>('DELETE FROM fire_templates WHERE template_id = ?')
  return {
    list(): FireTemplate[] {
      return all.all().flatMap((row) => fromRow(row) ?? [])
    },
    /** Save under `input.name`: a template of the same name is replaced (its id kept). */
    save(input: FireTemplateInput, now: number): FireTemplate {
      const existing = byName.get(input.name)
      const id = existing?.template_id ?? randomUUID()
      const created = existing?.created_at ?? now
      upsert.run(id, input.name, JSON.stringify(input), created, now)
      return { ...input, template_id: id, created_at: created, updated_at: now }
    },
    /** False when no template has that id. */
    remove(id: string): boolean {
      return remove.run(id).changes > 0
    }
  }
}

/** The templates repository. */
export type TemplatesRepo = ReturnType<typeof createTemplatesRepo>
