/**
 * Control-API paths, shared by the server router and the renderer's client.
 * @module
 */
export const API_PATHS = {
  session: '/api/session',
  clients: '/api/clients',
  streams: '/api/streams',
  stream: (id: string) => `/api/streams/${encodeURIComponent(id)}`,
  streamStatus: (id: string) => `/api/streams/${encodeURIComponent(id)}/status`,
  live: '/api/live',
  streamSubjects: (id: string) => `/api/streams/${encodeURIComponent(id)}/subjects`,
  streamVerify: (id: string) => `/api/streams/${encodeURIComponent(id)}/verify`,
  events: '/api/events',
  eventTypes: '/api/event-types'
} as const
