/**
 * Transmitter-side stream views and actions for the UI and CLI (all clients' streams).
 * @module
 */
import type { RequestHandler } from 'express'
import { z } from 'zod'
import { receiverCheckRequestSchema, type ConformanceReport } from '../../shared/api/conformance'
import type { StreamView } from '../../shared/api/contract'
import { NotFoundError, STREAM_STATUSES, parseWith, requireJsonObject } from '../../shared/ssf'
import { checkReceiver } from '../conformance/check-receiver'
import type { AppContext } from '../core/context'
import type { StreamRecord } from '../store/streams-repo'
import { renderStream } from '../transmitter/streams-service'

/** A stream as the UI sees it: configuration, owner, status and subjects. */
export function streamView(ctx: AppContext, r: StreamRecord): StreamView {
  const v: StreamView = {
    client_id: r.client_id,
    config: renderStream(ctx, r),
    status: r.status,
    created_at: r.created_at,
    updated_at: r.updated_at,
    subjects: ctx.repos.streams.listSubjects(r.stream_id)
  }
  if (r.reason !== undefined) v.reason = r.reason
  if (r.consent_required === true) v.consent_required = true
  const history = ctx.repos.streams.history(r.stream_id)
  if (history.removed_subjects.length > 0) v.removed_subjects = history.removed_subjects
  if (history.verification_requests.length > 0)
    v.verification_requests = history.verification_requests
  return v
}

function streamParam(id: string | string[] | undefined): string {
  if (typeof id !== 'string') throw new NotFoundError('stream not found')
  return id
}

export const list = (ctx: AppContext): RequestHandler[] => [
  function listStreams(_req, res) {
    res.json(ctx.repos.streams.listAll().map((r) => streamView(ctx, r)))
  }
]

export const getOne = (ctx: AppContext): RequestHandler[] => [
  function readStream(req, res) {
    const id = streamParam(req.params.id)
    const record = ctx.repos.streams.get(id)
    if (!record) throw new NotFoundError(`stream ${id} not found`)
    res.json(streamView(ctx, record))
  }
]

const statusSchema = z.strictObject({
  status: z.enum(STREAM_STATUSES, { message: 'must be one of enabled, paused, disabled' }),
  reason: z.string().max(1024).optional()
})

export const setStatus = (ctx: AppContext): RequestHandler[] => [
  async function setStatusAsTransmitter(req, res) {
    const body = parseWith(statusSchema, requireJsonObject(req.body, 'status'), 'status')
    res.json(
      await ctx.services.streams.setStatusAsTransmitter(
        streamParam(req.params.id),
        body.status,
        body.reason
      )
    )
  }
]

/** `POST /api/streams/{id}/check`: "Check my Receiver" for the app that owns the stream. */
export const check = (ctx: AppContext): RequestHandler[] => [
  async function checkReceiverOfStream(req, res) {
    const id = streamParam(req.params.id)
    const options = parseWith(receiverCheckRequestSchema, req.body ?? {}, 'check request')
    const report: ConformanceReport = {
      stream_id: id,
      checks: await checkReceiver(ctx, id, {
        answerBoundMs: options.answer_bound_ms,
        waitMs: options.wait_seconds * 1000
      })
    }
    res.json(report)
  }
]
