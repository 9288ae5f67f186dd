/**
 * Transmitter-side streams for the UI and CLI (all clients' streams): views, the actions taken for
 * the owning client (create, update, delete, subjects, verification — thin adapters over the
 * stream service, so every rule of the SSF management API applies unchanged), the Transmitter's
 * own status changes, the consent requirement and "Check my Receiver".
 * @see SSF 1.0 §8.1
 * @module
 */
import type { Request } from 'express'
import { z } from 'zod'
import { receiverCheckRequestSchema, type ConformanceReport } from '../../shared/api/conformance'
import {
  consentRequirementRequestSchema,
  setStatusRequestSchema,
  type StreamView
} from '../../shared/api/streams'
import { NotFoundError, parseWith, requireJsonObject } from '../../shared/ssf'
import { checkReceiver } from '../conformance/check-receiver'
import type { CoreContext } from '../core/core-context'
import type { ClientRecord } from '../store/clients-repo'
import type { StreamRecord } from '../store/streams-repo'
import { renderStream } from '../transmitter/streams-service'
import { pathParam, type ApiHandler } from './deps'

/** A stream as the UI sees it: configuration, owner, status and subjects. */
export function streamView(infra: CoreContext, r: StreamRecord): StreamView {
  const v: StreamView = {
    client_id: r.client_id,
    config: renderStream(infra, r),
    status: r.status,
    created_at: r.created_at,
    updated_at: r.updated_at,
    subjects: infra.repos.streams.listSubjects(r.stream_id)
  }
  if (r.reason !== undefined) v.reason = r.reason
  if (r.consent_required === true) v.consent_required = true
  const history = infra.repos.streams.history(r.stream_id)
  if (history.removed_subjects.length > 0) v.removed_subjects = history.removed_subjects
  if (history.verification_requests.length > 0)
    v.verification_requests = history.verification_requests
  return v
}

/** The stored stream `id` (404 otherwise). */
function storedStream(infra: CoreContext, id: string): StreamRecord {
  const record = infra.repos.streams.get(id)
  if (!record) throw new NotFoundError(`stream ${id} not found`)
  return record
}

/** The client a create acts for: `client_id` if given, else the default (admin) client. */
function actingClient(infra: CoreContext, clientId: unknown): ClientRecord {
  if (clientId !== undefined) {
    const id = parseWith(z.string().min(1, 'must be a non-empty string'), clientId, 'client_id')
    const client = infra.repos.clients.get(id)
    if (!client) throw new NotFoundError(`client ${id} not found`)
    return client
  }
  const admin = infra.repos.clients.findByToken(infra.adminToken)
  if (!admin) throw new NotFoundError('the default client is missing')
  return admin
}

/** The stream `:id` and the client that owns it (the UI acts for the owner). */
function ownedStream(
  infra: CoreContext,
  id: string | string[] | undefined
): { record: StreamRecord; owner: ClientRecord } {
  const record = typeof id === 'string' ? infra.repos.streams.get(id) : undefined
  if (!record) throw new NotFoundError(`stream ${String(id)} not found`)
  const owner = infra.repos.clients.get(record.client_id)
  if (!owner) throw new NotFoundError(`stream ${record.stream_id} has no client`)
  return { record, owner }
}

function withoutClientId(body: Record<string, unknown>): Record<string, unknown> {
  const { client_id: _ignored, ...rest } = body
  return rest
}

export const list: ApiHandler = ({ infra }) =>
  function listStreams(_req, res) {
    res.json(infra.repos.streams.listAll().map((r) => streamView(infra, r)))
  }

export const read: ApiHandler = ({ infra }) =>
  function readStream(req, res) {
    const id = pathParam(req.params.id, 'stream')
    res.json(streamView(infra, storedStream(infra, id)))
  }

/** `{client_id?, delivery?, events_requested?, description?}` → 201 StreamView. */
export const create: ApiHandler = ({ infra, services }) =>
  function createStreamForClient(req, res) {
    const body = requireJsonObject(req.body, 'stream')
    const client = actingClient(infra, body.client_id)
    const config = services.streams.create(client, withoutClientId(body))
    res.status(201).json(streamView(infra, storedStream(infra, config.stream_id)))
  }

/** `{events_requested?, description?, delivery?}` → StreamView. */
export const update: ApiHandler = ({ infra, services }) =>
  function updateStream(req, res) {
    const body = requireJsonObject(req.body, 'stream')
    const { record, owner } = ownedStream(infra, req.params.id)
    services.streams.update(
      owner,
      { ...withoutClientId(body), stream_id: record.stream_id },
      'update'
    )
    res.json(streamView(infra, storedStream(infra, record.stream_id)))
  }

export const remove: ApiHandler = ({ infra, services }) =>
  async function deleteStream(req, res) {
    const { record, owner } = ownedStream(infra, req.params.id)
    await services.streams.delete(owner, record.stream_id)
    res.status(204).end()
  }

/** `{status, reason?}`: the Transmitter changes a stream's status itself. */
export const setStatus: ApiHandler = ({ services }) =>
  async function setStatusAsTransmitter(req, res) {
    const body = parseWith(setStatusRequestSchema, requireJsonObject(req.body, 'status'), 'status')
    res.json(
      await services.streams.setStatusAsTransmitter(
        pathParam(req.params.id, 'stream'),
        body.status,
        body.reason
      )
    )
  }

/**
 * What the owner of stream `:id` would send to the SSF management API: the body with the
 * stream's id, and that owner (the UI acts for the owner, so every management rule applies).
 */
function asOwner(
  infra: CoreContext,
  req: Request,
  what: string,
  bodyOptional = false
): { owner: ClientRecord; request: Record<string, unknown> } {
  const body = bodyOptional && req.body === undefined ? {} : requireJsonObject(req.body, what)
  const { record, owner } = ownedStream(infra, req.params.id)
  return { owner, request: { ...body, stream_id: record.stream_id } }
}

/** `{subject, verified?}` → 204. */
export const addSubject: ApiHandler = ({ infra, services }) =>
  function addStreamSubject(req, res) {
    const { owner, request } = asOwner(infra, req, 'subject request')
    services.streams.addSubject(owner, request)
    res.status(204).end()
  }

/** `{subject}` → 204 (absent subjects are a silent success). */
export const removeSubject: ApiHandler = ({ infra, services }) =>
  function removeStreamSubject(req, res) {
    const { owner, request } = asOwner(infra, req, 'subject request')
    services.streams.removeSubject(owner, request)
    res.status(204).end()
  }

/** `{state?}` → 204; 429 inside `min_verification_interval`. */
export const verify: ApiHandler = ({ infra, services }) =>
  async function requestVerification(req, res) {
    const { owner, request } = asOwner(infra, req, 'verification request', true)
    await services.streams.verify(owner, request)
    res.status(204).end()
  }

/** `{required}`: whether the stream shares events only about subjects whose user consented. */
export const setConsentRequired: ApiHandler = ({ infra, services }) =>
  function setStreamConsentRequired(req, res) {
    const id = pathParam(req.params.id, 'stream')
    const body = parseWith(
      consentRequirementRequestSchema,
      requireJsonObject(req.body, 'consent'),
      'consent'
    )
    services.consents.setRequired(storedStream(infra, id), body.required)
    res.json({ stream_id: id, consent_required: body.required })
  }

/** "Check my Receiver" for the app that owns the stream. */
export const check: ApiHandler = ({ infra, services }) =>
  async function checkReceiverOfStream(req, res) {
    const id = pathParam(req.params.id, 'stream')
    const options = parseWith(receiverCheckRequestSchema, req.body ?? {}, 'check request')
    const report: ConformanceReport = {
      stream_id: id,
      checks: await checkReceiver(
        {
          ...infra,
          streams: infra.repos.streams,
          streamsService: services.streams,
          delivery: services.delivery
        },
        id,
        {
          answerBoundMs: options.answer_bound_ms,
          waitMs: options.wait_seconds * 1000
        }
      )
    }
    res.json(report)
  }
