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
  tenants: '/api/tenants',
  oauthClients: '/api/oauth/clients',
  consents: '/api/consents',
  consent: (id: string) => `/api/consents/${encodeURIComponent(id)}`,
  streamConsent: (id: string) => `/api/streams/${encodeURIComponent(id)}/consent`
} as const
