/**
 * Control API of the embedded Receiver (`/api/receivers/*`): register external Transmitters,
 * drive their management API, poll, read the inbox and exchanges, run the conformance check.
 * Management calls against the Transmitter answer 200 with `{ok, status, error?}` — a failing
 * Transmitter is data, not an error of ours (STYLE rule 4).
 * @module
 */
import type { Request } from 'express'
import { z } from 'zod'
import { InvalidRequestError, NotFoundError, parseWith } from '../../shared/ssf'
import { transmitterCheckRequestSchema, type ConformanceReport } from '../../shared/api/conformance'
import { runConformanceCheck } from '../receiver/check'
import type { ApiHandler } from './deps'

function idOf(req: Request): string {
  const id = req.params.id
  if (typeof id !== 'string') throw new NotFoundError('receiver not found')
  return id
}

const pageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.coerce.number().int().min(1).optional()
})

function page(req: Request): { limit: number; before?: number } {
  const parsed = parseWith(pageSchema, req.query, 'query')
  return parsed.before === undefined
    ? { limit: parsed.limit }
    : { limit: parsed.limit, before: parsed.before }
}

function queryStreamId(req: Request): string | undefined {
  const v = req.query.stream_id
  if (v === undefined) return undefined
  if (typeof v !== 'string') throw new InvalidRequestError('"stream_id" must be a single value')
  return v
}

export const list: ApiHandler = ({ services }) =>
  function listReceivers(req, res) {
    res.json(services.receivers.list())
  }

export const register: ApiHandler = ({ services }) =>
  async function registerReceiver(req, res) {
    res.status(201).json(await services.receivers.register(req.body))
  }

export const read: ApiHandler = ({ services }) =>
  function readReceiver(req, res) {
    res.json(services.receivers.get(idOf(req)))
  }

export const update: ApiHandler = ({ services }) =>
  function updateReceiver(req, res) {
    res.json(services.receivers.update(idOf(req), req.body))
  }

export const remove: ApiHandler = ({ services }) =>
  function removeReceiver(req, res) {
    services.receivers.remove(idOf(req))
    res.status(204).end()
  }

export const inbox: ApiHandler = ({ services }) =>
  function readInbox(req, res) {
    const { limit, before } = page(req)
    res.json(services.receivers.inbox(idOf(req), limit, before))
  }

export const exchanges: ApiHandler = ({ services }) =>
  function listExchanges(req, res) {
    const { limit, before } = page(req)
    res.json(services.receivers.exchanges(idOf(req), limit, before))
  }

export const exchange: ApiHandler = ({ services }) =>
  function readExchange(req, res) {
    const n = Number(req.params.exchange)
    if (!Number.isInteger(n)) throw new NotFoundError('exchange not found')
    res.json(services.receivers.exchange(idOf(req), n))
  }

export const createStream: ApiHandler = ({ services }) =>
  async function createRemoteStream(req, res) {
    res.json(await services.receivers.createStream(idOf(req), req.body))
  }

export const readStream: ApiHandler = ({ services }) =>
  async function readRemoteStream(req, res) {
    res.json(
      await services.receivers.readStream(idOf(req), queryStreamId(req), req.query.all === 'true')
    )
  }

export const updateStream: ApiHandler = ({ services }) =>
  async function updateRemoteStream(req, res) {
    res.json(await services.receivers.updateStream(idOf(req), req.body, 'update'))
  }

export const replaceStream: ApiHandler = ({ services }) =>
  async function replaceRemoteStream(req, res) {
    res.json(await services.receivers.updateStream(idOf(req), req.body, 'replace'))
  }

export const deleteStream: ApiHandler = ({ services }) =>
  async function deleteRemoteStream(req, res) {
    res.json(await services.receivers.deleteStream(idOf(req), queryStreamId(req)))
  }

export const readStatus: ApiHandler = ({ services }) =>
  async function readRemoteStatus(req, res) {
    res.json(await services.receivers.getStatus(idOf(req), queryStreamId(req)))
  }

export const setStatus: ApiHandler = ({ services }) =>
  async function setRemoteStatus(req, res) {
    res.json(await services.receivers.setStatus(idOf(req), req.body))
  }

export const addSubject: ApiHandler = ({ services }) =>
  async function addRemoteSubject(req, res) {
    res.json(await services.receivers.subject(idOf(req), 'add', req.body))
  }

export const removeSubject: ApiHandler = ({ services }) =>
  async function removeRemoteSubject(req, res) {
    res.json(await services.receivers.subject(idOf(req), 'remove', req.body))
  }

export const verify: ApiHandler = ({ services }) =>
  async function requestRemoteVerification(req, res) {
    res.json(await services.receivers.verify(idOf(req), req.body))
  }

export const poll: ApiHandler = ({ services }) =>
  async function pollNow(req, res) {
    res.json(await services.receivers.poll(idOf(req)))
  }

/** "Check my Transmitter": the conformance check against the registered Transmitter. */
export const check: ApiHandler = ({ infra, services }) =>
  async function checkTransmitter(req, res) {
    const id = idOf(req)
    const options = parseWith(transmitterCheckRequestSchema, req.body ?? {}, 'check request')
    services.receivers.get(id)
    try {
      const report: ConformanceReport = {
        receiver_id: id,
        checks: await runConformanceCheck(services.receivers, id, {
          verificationWaitMs: options.verification_wait_seconds * 1000,
          eventWaitMs: options.event_wait_seconds * 1000,
          onWaiting: (checkId, action, ms) =>
            infra.bus.publish({
              type: 'check.waiting',
              target: 'receiver',
              id,
              check_id: checkId,
              action,
              deadline: Date.now() + ms
            })
        })
      }
      res.json(report)
    } finally {
      infra.bus.publish({ type: 'check.finished', target: 'receiver', id })
    }
  }
