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
  streamCheck: (id: string) => `/api/streams/${encodeURIComponent(id)}/check`,
  live: '/api/live',
  eventTypes: '/api/event-types',
  eventType: (id: string) => `/api/event-types/${encodeURIComponent(id)}`,
  receivers: '/api/receivers',
  receiver: (id: string) => `/api/receivers/${encodeURIComponent(id)}`,
  receiverInbox: (id: string) => `/api/receivers/${encodeURIComponent(id)}/inbox`,
  receiverExchanges: (id: string) => `/api/receivers/${encodeURIComponent(id)}/exchanges`,
  receiverStream: (id: string) => `/api/receivers/${encodeURIComponent(id)}/stream`,
  receiverStatus: (id: string) => `/api/receivers/${encodeURIComponent(id)}/status`,
  receiverSubjects: (id: string, action: 'add' | 'remove') =>
    `/api/receivers/${encodeURIComponent(id)}/subjects/${action}`,
  receiverVerify: (id: string) => `/api/receivers/${encodeURIComponent(id)}/verify`,
  receiverPoll: (id: string) => `/api/receivers/${encodeURIComponent(id)}/poll`,
  receiverCheck: (id: string) => `/api/receivers/${encodeURIComponent(id)}/check`,
  streamSubjects: (id: string) => `/api/streams/${encodeURIComponent(id)}/subjects`,
  streamVerify: (id: string) => `/api/streams/${encodeURIComponent(id)}/verify`,
  events: '/api/events',
  tenants: '/api/tenants',
  oauthClients: '/api/oauth/clients',
  consents: '/api/consents',
  consent: (id: string) => `/api/consents/${encodeURIComponent(id)}`,
  streamConsent: (id: string) => `/api/streams/${encodeURIComponent(id)}/consent`,
  traffic: '/api/traffic',
  trafficOne: (id: number) => `/api/traffic/${id}`,
  trafficCurl: (id: number) => `/api/traffic/${id}/curl`,
  trafficHar: '/api/traffic/export.har',
  setsNdjson: '/api/sets/export.ndjson',
  replay: (id: string) => `/api/deliveries/${encodeURIComponent(id)}/replay`,
  streamFaults: (id: string) => `/api/streams/${encodeURIComponent(id)}/faults`,
  receiverFaults: (id: string) => `/api/receivers/${encodeURIComponent(id)}/faults`,
  keysRotate: '/api/keys/rotate'
} as const
