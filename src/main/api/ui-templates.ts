/**
 * Saved fire templates (`GET/POST/DELETE /api/templates`): a named fire form (type, subject,
 * claims, stream selection) kept in the store so the UI, the CLI and CI share them.
 * @module
 */
import { randomUUID } from 'node:crypto'
import { Router, type RequestHandler } from 'express'
import { z } from 'zod'
import { NotFoundError, parseWith, requireJsonObject } from '../../shared/ssf'
import { fireTemplateInputSchema } from '../../shared/api/events'
import type { AppContext } from '../core/context'
import type { Db } from '../store/sqlite'

/** What a template holds: the body of a `POST /api/events` plus a name. */
const templateInputSchema = fireTemplateInputSchema

/** A stored template (`GET /api/templates`). */
export interface FireTemplate extends z.infer<typeof templateInputSchema> {
  template_id: string
  created_at: number
  updated_at: number
}

const rowSchema = z.object({
  template_id: z.string(),
  body: z.string(),
  created_at: z.number(),
  updated_at: z.number()
})

/** Parse a stored row; a row that no longer parses is skipped, never thrown. */
function fromRow(value: unknown): FireTemplate | undefined {
  const row = rowSchema.safeParse(value)
  if (!row.success) return undefined
  let json: unknown
  try {
    json = JSON.parse(row.data.body)
  } catch {
    return undefined
  }
  const body = templateInputSchema.safeParse(json)
  if (!body.success) return undefined
  return {
    ...body.data,
    template_id: row.data.template_id,
    created_at: row.data.created_at,
    updated_at: row.data.updated_at
  }
}

/** The templates table (migration 7). */
export function templatesRepo(db: Db) {
  return {
    list(): FireTemplate[] {
      return db
        .prepare('SELECT * FROM fire_templates ORDER BY name COLLATE NOCASE, created_at')
        .all()
        .map(fromRow)
        .filter((t): t is FireTemplate => t !== undefined)
    },
    /** Save under `name`: a template of the same name is replaced (its id kept). */
    save(input: z.infer<typeof templateInputSchema>, now: number): FireTemplate {
      const existing = rowSchema
        .pick({ template_id: true, created_at: true })
        .safeParse(
          db
            .prepare('SELECT template_id, created_at FROM fire_templates WHERE name = ?')
            .get(input.name)
        )
      const id = existing.success ? existing.data.template_id : randomUUID()
      const created = existing.success ? existing.data.created_at : now
      db.prepare(
        `INSERT INTO fire_templates (template_id, name, body, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(template_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`
      ).run(id, input.name, JSON.stringify(input), created, now)
      return { ...input, template_id: id, created_at: created, updated_at: now }
    },
    remove(id: string): boolean {
      return db.prepare('DELETE FROM fire_templates WHERE template_id = ?').run(id).changes > 0
    }
  }
}

export const list = (ctx: AppContext): RequestHandler[] => [
  function listTemplates(_req, res) {
    res.json(templatesRepo(ctx.db).list())
  }
]

export const save = (ctx: AppContext): RequestHandler[] => [
  function saveTemplate(req, res) {
    const body = parseWith(templateInputSchema, requireJsonObject(req.body, 'template'), 'template')
    res.status(201).json(templatesRepo(ctx.db).save(body, ctx.clock.now()))
  }
]

export const remove = (ctx: AppContext): RequestHandler[] => [
  function deleteTemplate(req, res) {
    const id = req.params.id
    if (typeof id !== 'string' || !templatesRepo(ctx.db).remove(id))
      throw new NotFoundError(`template ${String(id)} not found`)
    res.status(204).end()
  }
]

/** The router of templates, mounted inside the control API. */
export function createUiTemplatesRouter(ctx: AppContext): Router {
  const router = Router()
  router.get('/templates', ...list(ctx))
  router.post('/templates', ...save(ctx))
  router.delete('/templates/:id', ...remove(ctx))
  return router
}
