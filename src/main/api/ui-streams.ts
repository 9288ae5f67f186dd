/**
 * Stream actions for the UI and CLI, acting for a client (the default client unless
 * `client_id` says otherwise): create, update, delete, subjects, verification. Thin adapters over
 * the stream service, so every rule of the SSF management API applies unchanged.
 * @see SSF 1.0 §8.1
 * @module
 */
import { Router, type RequestHandler } from 'express'
import { z } from 'zod'
import { NotFoundError, parseWith, requireJsonObject } from '../../shared/ssf'
import type { AppContext } from '../core/context'
import type { ClientRecord } from '../store/clients-repo'
import type { StreamRecord } from '../store/streams-repo'
import { streamView } from './streams'

/** The client a create acts for: `client_id` if given, else the default (admin) client. */
function actingClient(ctx: AppContext, clientId: unknown): ClientRecord {
  if (clientId !== undefined) {
    const id = parseWith(z.string().min(1, 'must be a non-empty string'), clientId, 'client_id')
    const client = ctx.repos.clients.get(id)
    if (!client) throw new NotFoundError(`client ${id} not found`)
    return client
  }
  const admin = ctx.repos.clients.findByToken(ctx.adminToken)
  if (!admin) throw new NotFoundError('the default client is missing')
  return admin
}

/** The stream `:id` and the client that owns it (the UI acts for the owner). */
function ownedStream(
  ctx: AppContext,
  id: string | string[] | undefined
): { record: StreamRecord; owner: ClientRecord } {
  const record = typeof id === 'string' ? ctx.repos.streams.get(id) : undefined
  if (!record) throw new NotFoundError(`stream ${String(id)} not found`)
  const owner = ctx.repos.clients.get(record.client_id)
  if (!owner) throw new NotFoundError(`stream ${record.stream_id} has no client`)
  return { record, owner }
}

function withoutClientId(body: Record<string, unknown>): Record<string, unknown> {
  const { client_id: _ignored, ...rest } = body
  return rest
}

/** `POST /api/streams` `{client_id?, delivery?, events_requested?, description?}` → 201 StreamView. */
export const create = (ctx: AppContext): RequestHandler[] => [
  function createStreamForClient(req, res) {
    const body = requireJsonObject(req.body, 'stream')
    const client = actingClient(ctx, body.client_id)
    const config = ctx.services.streams.create(client, withoutClientId(body))
    const record = ctx.repos.streams.get(config.stream_id)
    if (!record) throw new NotFoundError(`stream ${config.stream_id} not found`)
    res.status(201).json(streamView(ctx, record))
  }
]

/** `PATCH /api/streams/{id}` `{events_requested?, description?, delivery?}` → StreamView. */
export const update = (ctx: AppContext): RequestHandler[] => [
  function updateStream(req, res) {
    const body = requireJsonObject(req.body, 'stream')
    const { record, owner } = ownedStream(ctx, req.params.id)
    ctx.services.streams.update(
      owner,
      { ...withoutClientId(body), stream_id: record.stream_id },
      'update'
    )
    const updated = ctx.repos.streams.get(record.stream_id)
    if (!updated) throw new NotFoundError(`stream ${record.stream_id} not found`)
    res.json(streamView(ctx, updated))
  }
]

/** `DELETE /api/streams/{id}` → 204. */
export const remove = (ctx: AppContext): RequestHandler[] => [
  async function deleteStream(req, res) {
    const { record, owner } = ownedStream(ctx, req.params.id)
    await ctx.services.streams.delete(owner, record.stream_id)
    res.status(204).end()
  }
]

/** `POST /api/streams/{id}/subjects` `{subject, verified?}` → 204. */
export const addSubject = (ctx: AppContext): RequestHandler[] => [
  function addStreamSubject(req, res) {
    const body = requireJsonObject(req.body, 'subject request')
    const { record, owner } = ownedStream(ctx, req.params.id)
    ctx.services.streams.addSubject(owner, { ...body, stream_id: record.stream_id })
    res.status(204).end()
  }
]

/** `DELETE /api/streams/{id}/subjects` `{subject}` → 204 (absent subjects are a silent success). */
export const removeSubject = (ctx: AppContext): RequestHandler[] => [
  function removeStreamSubject(req, res) {
    const body = requireJsonObject(req.body, 'subject request')
    const { record, owner } = ownedStream(ctx, req.params.id)
    ctx.services.streams.removeSubject(owner, { ...body, stream_id: record.stream_id })
    res.status(204).end()
  }
]

/** `POST /api/streams/{id}/verify` `{state?}` → 204; 429 inside `min_verification_interval`. */
export const verify = (ctx: AppContext): RequestHandler[] => [
  async function requestVerification(req, res) {
    const body = req.body === undefined ? {} : requireJsonObject(req.body, 'verification request')
    const { record, owner } = ownedStream(ctx, req.params.id)
    await ctx.services.streams.verify(owner, { ...body, stream_id: record.stream_id })
    res.status(204).end()
  }
]

/** The router of these actions, mounted inside the control API. */
export function createUiStreamsRouter(ctx: AppContext): Router {
  const router = Router()
  router.post('/streams', ...create(ctx))
  router.patch('/streams/:id', ...update(ctx))
  router.delete('/streams/:id', ...remove(ctx))
  router.post('/streams/:id/subjects', ...addSubject(ctx))
  router.delete('/streams/:id/subjects', ...removeSubject(ctx))
  router.post('/streams/:id/verify', ...verify(ctx))
  return router
}
