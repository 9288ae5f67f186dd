/**
 * `GET/POST /api/subject-formats`, `DELETE /api/subject-formats/:name`: the subject formats
 * add-subject accepts (built in and private), and the declaration of private ones.
 * @module
 */
import { subjectFormatCreateSchema, type SubjectFormat } from '../../shared/api/subject-formats'
import {
  ConflictError,
  KNOWN_SUBJECT_FORMATS,
  NotFoundError,
  parseWith,
  requireJsonObject
} from '../../shared/ssf'
import type { ApiHandler } from './deps'

export const list: ApiHandler = ({ infra }) =>
  function listSubjectFormats(_req, res) {
    const out: SubjectFormat[] = [
      ...KNOWN_SUBJECT_FORMATS.map((name) => ({ name, builtin: true })),
      ...infra.repos.subjectFormats.list().map((f) => ({ ...f, builtin: false }))
    ]
    res.json(out)
  }

export const post: ApiHandler = ({ infra }) =>
  function declareSubjectFormat(req, res) {
    const body = parseWith(
      subjectFormatCreateSchema,
      requireJsonObject(req.body, 'subject format'),
      'subject format'
    )
    if (KNOWN_SUBJECT_FORMATS.includes(body.name))
      throw new ConflictError(`"${body.name}" is a built-in subject format`)
    const now = infra.clock.now()
    if (infra.repos.subjectFormats.names().includes(body.name))
      throw new ConflictError(`the private subject format "${body.name}" is already declared`)
    infra.repos.subjectFormats.create(body.name, body.description, now)
    const out: SubjectFormat = {
      name: body.name,
      builtin: false,
      created_at: now,
      ...(body.description === undefined ? {} : { description: body.description })
    }
    res.status(201).json(out)
  }

export const del: ApiHandler = ({ infra }) =>
  function deleteSubjectFormat(req, res) {
    const name = req.params.name
    if (typeof name !== 'string' || !infra.repos.subjectFormats.delete(name))
      throw new NotFoundError(`private subject format ${String(name)} not found`)
    res.status(204).end()
  }
