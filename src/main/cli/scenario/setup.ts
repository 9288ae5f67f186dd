/**
 * Apply a declared `setup` (scenario files, the config file) to an instance through its control
 * API. Idempotent, so `serve` can apply the config file at every start: clients are matched by
 * name, tenants by id, streams by client and description, receivers by issuer.
 * @module
 */
import type {
  ClientSummary,
  CreateClientResponse,
  ReceiverView,
  StreamView,
  TenantView
} from '../../../shared/api/contract'
import { API_PATHS } from '../../../shared/api/paths'
import type { ScenarioSetup } from '../../../shared/scenario/schema'
import { DELIVERY_METHOD_POLL, DELIVERY_METHOD_PUSH } from '../../../shared/ssf'
import { ApiError, type ApiClient } from '../api-client'
import { eventTypeUri } from '../command'

/** What the setup made: scenario names → ids on the instance. */
export interface AppliedSetup {
  /** client name → client_id (`default` → the default client). */
  clients: Map<string, string>
  /** stream id in the file → stream_id */
  streams: Map<string, string>
  /** receiver id in the file → receiver_id */
  receivers: Map<string, ReceiverView>
}

type StreamSetup = NonNullable<ScenarioSetup['streams']>[number]
type ReceiverSetup = NonNullable<ScenarioSetup['receivers']>[number]

async function ensureClients(api: ApiClient, setup: ScenarioSetup): Promise<Map<string, string>> {
  const existing = await api.json<ClientSummary[]>('GET', API_PATHS.clients)
  const byName = new Map(existing.map((c) => [c.name, c.client_id]))
  const out = new Map<string, string>([['default', 'default']])
  for (const c of setup.clients ?? []) {
    const found = byName.get(c.name)
    if (found !== undefined) {
      out.set(c.name, found)
      continue
    }
    const made = await api.json<CreateClientResponse>('POST', API_PATHS.clients, c)
    out.set(c.name, made.client_id)
  }
  return out
}

async function ensureTenants(api: ApiClient, setup: ScenarioSetup): Promise<void> {
  if (!setup.tenants?.length) return
  const existing = new Set(
    (await api.json<TenantView[]>('GET', API_PATHS.tenants)).map((t) => t.tenant_id)
  )
  for (const t of setup.tenants)
    if (!existing.has(t.tenant_id)) await api.json('POST', API_PATHS.tenants, t)
}

function streamBody(s: StreamSetup, clientId: string): Record<string, unknown> {
  const delivery =
    s.delivery.method === 'poll'
      ? { method: DELIVERY_METHOD_POLL }
      : {
          method: DELIVERY_METHOD_PUSH,
          endpoint_url: s.delivery.endpoint_url,
          ...(s.delivery.authorization_header === undefined
            ? {}
            : { authorization_header: s.delivery.authorization_header })
        }
  return {
    client_id: clientId,
    delivery,
    description: s.description ?? s.id,
    ...(s.events_requested === undefined
      ? {}
      : { events_requested: s.events_requested.map(eventTypeUri) })
  }
}

async function ensureStreams(
  api: ApiClient,
  setup: ScenarioSetup,
  clients: Map<string, string>
): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  if (!setup.streams?.length) return out
  const existing = await api.json<StreamView[]>('GET', API_PATHS.streams)
  for (const s of setup.streams) {
    const clientId = clients.get(s.client)
    if (clientId === undefined)
      throw new ApiError(`stream "${s.id}": no client "${s.client}" in setup.clients`)
    const description = s.description ?? s.id
    const found = existing.find(
      (e) => e.client_id === clientId && e.config.description === description
    )
    const id =
      found?.config.stream_id ??
      (await api.json<StreamView>('POST', API_PATHS.streams, streamBody(s, clientId))).config
        .stream_id
    out.set(s.id, id)
    for (const subject of s.subjects ?? [])
      await api.raw('POST', API_PATHS.streamSubjects(id), { subject })
    if (s.faults) await api.json('PUT', API_PATHS.streamFaults(id), s.faults)
  }
  return out
}

async function ensureReceiver(
  api: ApiClient,
  r: ReceiverSetup,
  existing: ReceiverView[]
): Promise<ReceiverView> {
  const { id: _name, stream, subjects, faults, ...body } = r
  let view =
    existing.find((e) => e.issuer === r.issuer) ??
    (await api.json<ReceiverView>('POST', API_PATHS.receivers, body))
  if (stream && !view.stream) {
    if (stream.events_requested) stream.events_requested = stream.events_requested.map(eventTypeUri)
    const result = await api.json<{ ok: boolean; error?: { description: string } }>(
      'POST',
      API_PATHS.receiverStream(view.receiver_id),
      stream
    )
    if (!result.ok)
      throw new ApiError(
        `receiver "${r.id}": the Transmitter refused the stream: ${result.error?.description ?? 'unknown error'}`
      )
    view = await api.json<ReceiverView>('GET', API_PATHS.receiver(view.receiver_id))
  }
  for (const subject of subjects ?? [])
    await api.json('POST', API_PATHS.receiverSubjects(view.receiver_id, 'add'), { subject })
  if (faults) await api.json('PUT', API_PATHS.receiverFaults(view.receiver_id), faults)
  return view
}

/** Apply `setup` to the instance behind `api`. */
export async function applySetup(api: ApiClient, setup: ScenarioSetup): Promise<AppliedSetup> {
  await ensureTenants(api, setup)
  const clients = await ensureClients(api, setup)
  const streams = await ensureStreams(api, setup, clients)
  const receivers = new Map<string, ReceiverView>()
  if (setup.receivers?.length) {
    const existing = await api.json<ReceiverView[]>('GET', API_PATHS.receivers)
    for (const r of setup.receivers) receivers.set(r.id, await ensureReceiver(api, r, existing))
  }
  return { clients, streams, receivers }
}
