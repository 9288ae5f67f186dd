/**
 * Typed calls for faults, signing keys and settings (bodies from `shared/api/inspector`), and
 * for the Settings screen's clients, tenants, OAuth clients and consents.
 * @module
 */
import { z } from 'zod'
import type {
  ConsentView,
  CreateClientResponse,
  CreateOAuthClientRequest,
  CreateOAuthClientResponse,
  CreateTenantRequest,
  OAuthClientView,
  TenantView
} from '../../../shared/api/contract'
import {
  faultsOverviewSchema,
  keyRotationResponseSchema,
  keysResponseSchema,
  receiverFaultsSchema,
  settingsSchema,
  streamFaultsSchema,
  type FaultsOverview,
  type KeysResponse,
  type ReceiverFaults,
  type RotateKeyRequest,
  type SettingsView,
  type StreamFaults
} from '../../../shared/api/inspector'
import { API_PATHS } from '../../../shared/api/paths'
import { call, parse } from './client'

const tenantSchema: z.ZodType<TenantView> = z.object({
  tenant_id: z.string(),
  name: z.string(),
  issuer: z.string(),
  metadata_url: z.string(),
  is_default: z.boolean(),
  created_at: z.number().optional()
})

const oauthClientShape = {
  client_id: z.string(),
  client_name: z.string(),
  grant_types: z.array(z.string()),
  redirect_uris: z.array(z.string()).catch([]),
  scope: z.string().catch(''),
  token_endpoint_auth_method: z.string(),
  tenant: z.string().optional()
}
const oauthClientSchema: z.ZodType<OAuthClientView> = z.object(oauthClientShape)
const createdOAuthClientSchema: z.ZodType<CreateOAuthClientResponse> = z.object({
  ...oauthClientShape,
  client_secret: z.string().optional(),
  issuer: z.string(),
  token_endpoint: z.string(),
  authorization_endpoint: z.string()
})

const consentSchema: z.ZodType<ConsentView> = z.object({
  consent_id: z.string(),
  tenant: z.string(),
  subject: z.looseObject({ format: z.string() }),
  client_id: z.string().optional(),
  granted_at: z.number(),
  revoked_at: z.number().optional()
})

const createdClientSchema: z.ZodType<CreateClientResponse> = z.object({
  client_id: z.string(),
  token: z.string(),
  name: z.string(),
  audience: z.string()
})

/** The inspector's and settings' calls. */
export const inspectorApi = {
  faults: async (): Promise<FaultsOverview> =>
    parse(faultsOverviewSchema, await call('GET', '/api/faults'), 'fault list'),
  setStreamFaults: async (id: string, body: StreamFaults): Promise<StreamFaults> =>
    parse(streamFaultsSchema, await call('PUT', API_PATHS.streamFaults(id), body), 'faults'),
  clearStreamFaults: async (id: string): Promise<void> => {
    await call('DELETE', API_PATHS.streamFaults(id))
  },
  setReceiverFaults: async (id: string, body: ReceiverFaults): Promise<ReceiverFaults> =>
    parse(receiverFaultsSchema, await call('PUT', API_PATHS.receiverFaults(id), body), 'faults'),
  clearReceiverFaults: async (id: string): Promise<void> => {
    await call('DELETE', API_PATHS.receiverFaults(id))
  },
  keys: async (): Promise<KeysResponse> =>
    parse(keysResponseSchema, await call('GET', '/api/keys'), 'key list'),
  rotateKey: async (body: RotateKeyRequest) =>
    parse(keyRotationResponseSchema, await call('POST', API_PATHS.keysRotate, body), 'rotation'),
  settings: async (): Promise<SettingsView> =>
    parse(settingsSchema, await call('GET', '/api/settings'), 'settings'),
  createClient: async (name: string): Promise<CreateClientResponse> =>
    parse(createdClientSchema, await call('POST', API_PATHS.clients, { name }), 'client'),
  tenants: async (): Promise<TenantView[]> =>
    parse(z.array(tenantSchema), await call('GET', API_PATHS.tenants), 'tenant list'),
  createTenant: async (body: CreateTenantRequest): Promise<TenantView> =>
    parse(tenantSchema, await call('POST', API_PATHS.tenants, body), 'tenant'),
  oauthClients: async (): Promise<OAuthClientView[]> =>
    parse(z.array(oauthClientSchema), await call('GET', API_PATHS.oauthClients), 'client list'),
  createOAuthClient: async (body: CreateOAuthClientRequest): Promise<CreateOAuthClientResponse> =>
    parse(createdOAuthClientSchema, await call('POST', API_PATHS.oauthClients, body), 'client'),
  consents: async (): Promise<ConsentView[]> =>
    parse(z.array(consentSchema), await call('GET', API_PATHS.consents), 'consent list'),
  revokeConsent: async (id: string): Promise<void> => {
    await call('DELETE', API_PATHS.consent(id))
  },
  setConsentRequired: async (streamId: string, required: boolean): Promise<void> => {
    await call('PUT', API_PATHS.streamConsent(streamId), { required })
  }
}
