/**
 * Saved fire templates: `GET/POST /api/templates`, `DELETE /api/templates/{id}` — a named fire
 * form (type, subject, claims, stream selection) kept in the store so the UI, the CLI and CI
 * share them.
 * @module
 */
import { fireTemplateInputSchema } from '../../shared/api/events'
import { NotFoundError, parseWith, requireJsonObject } from '../../shared/ssf'
import type { ApiHandler } from './deps'

export const list: ApiHandler = ({ infra }) =>
  function listTemplates(_req, res) {
    res.json(infra.repos.templates.list())
  }

/** Save under the template's name: a template of the same name is replaced (its id kept). */
export const save: ApiHandler = ({ infra }) =>
  function saveTemplate(req, res) {
    const body = parseWith(
      fireTemplateInputSchema,
      requireJsonObject(req.body, 'template'),
      'template'
    )
    res.status(201).json(infra.repos.templates.save(body, infra.clock.now()))
  }

export const remove: ApiHandler = ({ infra }) =>
  function deleteTemplate(req, res) {
    const id = req.params.id
    if (typeof id !== 'string' || !infra.repos.templates.remove(id))
      throw new NotFoundError(`template ${String(id)} not found`)
    res.status(204).end()
  }
