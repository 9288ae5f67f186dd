/**
 * Typed calls for faults, signing keys and settings (bodies from `shared/api/inspector`), and
 * for the Settings screen's clients, tenants, OAuth clients and consents.
 * @module
 */
import type {
  ConsentView,
  CreateClientResponse,
  CreateOAuthClientRequest,
  CreateOAuthClientResponse,
  CreateTenantRequest,
  GrantConsentRequest,
  OAuthClientView,
  TenantView
} from '../../../shared/api/contract'
import type {
  FaultsOverview,
  KeysResponse,
  ReceiverFaults,
  RotateKeyRequest,
  SettingsView,
  StreamFaults
} from '../../../shared/api/inspector'
import { API_PATHS } from '../../../shared/api/paths'
import { call, parse } from './client'

/** The inspector's and settings' calls. */
export const inspectorApi = {
  faults: async (): Promise<FaultsOverview> =>
    parse((s) => s.faultsOverviewSchema, await call('GET', '/api/faults'), 'fault list'),
  setStreamFaults: async (id: string, body: StreamFaults): Promise<StreamFaults> =>
    parse(
      (s) => s.streamFaultsSchema,
      await call('PUT', API_PATHS.streamFaults(id), body),
      'faults'
    ),
  clearStreamFaults: async (id: string): Promise<void> => {
    await call('DELETE', API_PATHS.streamFaults(id))
  },
  setReceiverFaults: async (id: string, body: ReceiverFaults): Promise<ReceiverFaults> =>
    parse(
      (s) => s.receiverFaultsSchema,
      await call('PUT', API_PATHS.receiverFaults(id), body),
      'faults'
    ),
  clearReceiverFaults: async (id: string): Promise<void> => {
    await call('DELETE', API_PATHS.receiverFaults(id))
  },
  keys: async (): Promise<KeysResponse> =>
    parse((s) => s.keysResponseSchema, await call('GET', '/api/keys'), 'key list'),
  rotateKey: async (body: RotateKeyRequest) =>
    parse(
      (s) => s.keyRotationResponseSchema,
      await call('POST', API_PATHS.keysRotate, body),
      'rotation'
    ),
  settings: async (): Promise<SettingsView> =>
    parse((s) => s.settingsSchema, await call('GET', '/api/settings'), 'settings'),
  createClient: async (name: string): Promise<CreateClientResponse> =>
    parse((s) => s.createdClientSchema, await call('POST', API_PATHS.clients, { name }), 'client'),
  tenants: async (): Promise<TenantView[]> =>
    parse((s) => s.tenantsSchema, await call('GET', API_PATHS.tenants), 'tenant list'),
  createTenant: async (body: CreateTenantRequest): Promise<TenantView> =>
    parse((s) => s.tenantSchema, await call('POST', API_PATHS.tenants, body), 'tenant'),
  oauthClients: async (): Promise<OAuthClientView[]> =>
    parse((s) => s.oauthClientsSchema, await call('GET', API_PATHS.oauthClients), 'client list'),
  createOAuthClient: async (body: CreateOAuthClientRequest): Promise<CreateOAuthClientResponse> =>
    parse(
      (s) => s.createdOAuthClientSchema,
      await call('POST', API_PATHS.oauthClients, body),
      'client'
    ),
  consents: async (): Promise<ConsentView[]> =>
    parse((s) => s.consentsSchema, await call('GET', API_PATHS.consents), 'consent list'),
  grantConsent: async (body: GrantConsentRequest): Promise<ConsentView> =>
    parse((s) => s.consentSchema, await call('POST', API_PATHS.consents, body), 'consent'),
  revokeConsent: async (id: string): Promise<void> => {
    await call('DELETE', API_PATHS.consent(id))
  },
  setConsentRequired: async (streamId: string, required: boolean): Promise<void> => {
    await call('PUT', API_PATHS.streamConsent(streamId), { required })
  }
}
