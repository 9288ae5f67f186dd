/**
 * The renderer's only way to the engine: typed fetch over the control API (relative URLs, the
 * session cookie rides along). Errors become {@link ApiError} carrying the engine's words.
 * @module
 */
import type { z } from 'zod'
import type {
  ClientSummary,
  CreateStreamForClientRequest,
  SessionInfo,
  SetStatusRequest,
  StreamSubjectRequest,
  StreamView,
  UpdateStreamRequest,
  VerifyStreamRequest
} from '../../../shared/api/contract'
import { API_PATHS } from '../../../shared/api/paths'
import { readSessionInfo } from '../../../shared/api/session-fields'
import type {
  CatalogEventType,
  EventPreview,
  FireEventRequest,
  FireEventResponse,
  FireTemplate
} from './schemas'
import type * as SchemasModule from './schemas'

/** A failed control-API call: HTTP status and the engine's `{err, description}` (when given). */
export class ApiError extends Error {
  readonly status: number
  readonly body: { err: string; description: string } | undefined

  constructor(status: number, body: { err: string; description: string } | undefined) {
    super(body?.description ?? `the engine answered HTTP ${status}`)
    this.name = 'ApiError'
    this.status = status
    this.body = body
  }

  /** The engine's error code (`invalid_request`, `not_found`, ...). */
  get code(): string | undefined {
    return this.body?.err
  }
}

/**
 * True when the engine has no such endpoint at all (this build lacks the feature), as opposed to
 * a 404 for a missing stream. The generic 404 handler is the only one that says "no endpoint".
 */
export function isMissingEndpoint(err: unknown): boolean {
  return err instanceof ApiError && err.status === 404 && /^no endpoint /.test(err.message)
}

/** Words for any thrown value, for showing next to what caused it. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.message
  if (err instanceof TypeError) return `the engine cannot be reached (${err.message})`
  return err instanceof Error ? err.message : String(err)
}

export async function call(method: string, path: string, body?: unknown): Promise<unknown> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: {} }
  if (body !== undefined) {
    init.headers = { 'Content-Type': 'application/json' }
    init.body = JSON.stringify(body)
  }
  const res = await fetch(path, init)
  const text = await res.text()
  let parsed: unknown
  try {
    parsed = text.length > 0 ? JSON.parse(text) : undefined
  } catch {
    parsed = undefined
  }
  if (!res.ok) {
    const error = (await loadSchemas()).errorBodySchema.safeParse(parsed)
    throw new ApiError(res.status, error.success ? error.data : undefined)
  }
  return parsed
}

/** The response schemas (with zod): a chunk of their own, fetched once, on first need. */
export type Schemas = typeof SchemasModule
let schemas: Promise<Schemas> | undefined
export function loadSchemas(): Promise<Schemas> {
  schemas ??= import('./schemas')
  return schemas
}

/** `value` checked by the schema `pick` chooses; throws when the engine answered something else. */
export async function parse<T>(
  pick: (s: Schemas) => z.ZodType<T>,
  value: unknown,
  what: string
): Promise<T> {
  const result = pick(await loadSchemas()).safeParse(value)
  if (!result.success) throw new Error(`unexpected ${what} from the engine`)
  return result.data
}

/** The typed control-API client. */
export const api = {
  /** Checked without zod: the first screen waits for the session, not for the schemas' chunk. */
  session: async (): Promise<SessionInfo> => {
    const session = readSessionInfo(await call('GET', API_PATHS.session))
    if (!session) throw new Error('unexpected session from the engine')
    return session
  },
  clients: async (): Promise<ClientSummary[]> =>
    parse((s) => s.clientsSchema, await call('GET', API_PATHS.clients), 'client list'),
  streams: async (): Promise<StreamView[]> =>
    parse((s) => s.streamsSchema, await call('GET', API_PATHS.streams), 'stream list'),
  createStream: async (body: CreateStreamForClientRequest): Promise<StreamView> =>
    parse((s) => s.streamViewSchema, await call('POST', API_PATHS.streams, body), 'stream'),
  updateStream: async (id: string, body: UpdateStreamRequest): Promise<StreamView> =>
    parse((s) => s.streamViewSchema, await call('PATCH', API_PATHS.stream(id), body), 'stream'),
  deleteStream: async (id: string): Promise<void> => {
    await call('DELETE', API_PATHS.stream(id))
  },
  setStatus: async (id: string, body: SetStatusRequest): Promise<void> => {
    await call('POST', API_PATHS.streamStatus(id), body)
  },
  addSubject: async (id: string, body: StreamSubjectRequest): Promise<void> => {
    await call('POST', API_PATHS.streamSubjects(id), body)
  },
  removeSubject: async (id: string, body: StreamSubjectRequest): Promise<void> => {
    await call('DELETE', API_PATHS.streamSubjects(id), body)
  },
  verify: async (id: string, body: VerifyStreamRequest): Promise<void> => {
    await call('POST', API_PATHS.streamVerify(id), body)
  },
  eventTypes: async (): Promise<CatalogEventType[]> =>
    parse((s) => s.eventTypesSchema, await call('GET', API_PATHS.eventTypes), 'event catalog'),
  fireEvent: async (body: FireEventRequest): Promise<FireEventResponse> =>
    parse(
      (s) => s.fireEventResponseSchema,
      await call('POST', API_PATHS.events, body),
      'fire result'
    ),
  previewEvent: async (body: FireEventRequest & { stream_id?: string }): Promise<EventPreview> =>
    parse((s) => s.eventPreviewSchema, await call('POST', '/api/events/preview', body), 'preview'),
  templates: async (): Promise<FireTemplate[]> =>
    parse((s) => s.templatesSchema, await call('GET', '/api/templates'), 'template list'),
  saveTemplate: async (body: Omit<FireTemplate, 'template_id'>): Promise<void> => {
    await call('POST', '/api/templates', body)
  },
  deleteTemplate: async (id: string): Promise<void> => {
    await call('DELETE', `/api/templates/${encodeURIComponent(id)}`)
  }
}

/** The client's type (slices depend on it, tests could swap it). */
export type ApiClient = typeof api
