/**
 * Injected faults: `GET /api/faults` (every active fault), per stream
 * (`GET/PUT/DELETE /api/streams/{id}/faults`) and per Receiver push endpoint
 * (`GET/PUT/DELETE /api/receivers/{id}/faults`).
 * @module
 */
import type { FaultsOverview } from '../../shared/api/inspector'
import { NotFoundError, parseWith } from '../../shared/ssf'
import { receiverFaultsSchema, streamFaultsSchema } from '../traffic/faults'
import type { ApiDeps, ApiHandler } from './deps'

function streamParam({ infra }: ApiDeps, raw: string | string[] | undefined): string {
  if (typeof raw !== 'string' || !infra.repos.streams.get(raw))
    throw new NotFoundError(`stream ${String(raw)} not found`)
  return raw
}

function receiverParam({ services }: ApiDeps, raw: string | string[] | undefined): string {
  if (typeof raw !== 'string' || !services.receivers.get(raw))
    throw new NotFoundError(`receiver ${String(raw)} not found`)
  return raw
}

export const overview: ApiHandler = ({ infra }) =>
  function listFaults(_req, res) {
    const out: FaultsOverview = infra.faults.overview()
    res.json(out)
  }

export const ofStream: ApiHandler = (deps) =>
  function readStreamFaults(req, res) {
    res.json(deps.infra.faults.stream(streamParam(deps, req.params.id)))
  }

export const setOfStream: ApiHandler = (deps) =>
  function setStreamFaults(req, res) {
    const { infra, services } = deps
    const id = streamParam(deps, req.params.id)
    const f = infra.faults.setStream(id, parseWith(streamFaultsSchema, req.body, 'stream faults'))
    // SETs waiting on a scheduling fault (reorder, delay) go by the new rules at once.
    services.delivery.wake(id)
    infra.bus.publish({ type: 'faults.changed', stream_id: id })
    res.json(f)
  }

export const clearOfStream: ApiHandler = (deps) =>
  function clearStreamFaults(req, res) {
    const { infra, services } = deps
    const id = streamParam(deps, req.params.id)
    infra.faults.clearStream(id)
    services.delivery.wake(id)
    infra.bus.publish({ type: 'faults.changed', stream_id: id })
    res.status(204).end()
  }

export const ofReceiver: ApiHandler = (deps) =>
  function readReceiverFaults(req, res) {
    res.json(deps.infra.faults.receiver(receiverParam(deps, req.params.id)))
  }

export const setOfReceiver: ApiHandler = (deps) =>
  function setReceiverFaults(req, res) {
    const { infra } = deps
    const id = receiverParam(deps, req.params.id)
    const body = parseWith(receiverFaultsSchema, req.body, 'receiver faults')
    const f = infra.faults.setReceiver(id, body)
    infra.bus.publish({ type: 'faults.changed', receiver_id: id })
    res.json(f)
  }

export const clearOfReceiver: ApiHandler = (deps) =>
  function clearReceiverFaults(req, res) {
    const { infra } = deps
    const id = receiverParam(deps, req.params.id)
    infra.faults.clearReceiver(id)
    infra.bus.publish({ type: 'faults.changed', receiver_id: id })
    res.status(204).end()
  }
