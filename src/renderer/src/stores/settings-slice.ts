/**
 * What the Settings screen lists: the engine's settings, tenants, OAuth clients and subject
 * consents (management clients are in the transmitter slice). Re-read from the control API; the
 * live feed (`tenant.created`, `consent.changed`) refreshes.
 * @module
 */
import type {
  ConsentView,
  GrantConsentRequest,
  CreateOAuthClientRequest,
  CreateOAuthClientResponse,
  CreateClientResponse,
  OAuthClientView,
  TenantView
} from '../../../shared/api/contract'
import type { SettingsView } from '../../../shared/api/inspector'
import { errorText } from '../api/client'
import { inspectorApi } from '../api/inspector-client'
import type { SliceCreator } from './types'

/** Settings state and actions. */
export interface SettingsSlice {
  settings: SettingsView | undefined
  tenants: TenantView[]
  oauthClients: OAuthClientView[]
  consents: ConsentView[]
  settingsError: string | undefined
  refreshSettings(): Promise<void>
  refreshTenants(): Promise<void>
  refreshConsents(): Promise<void>
  createClient(name: string): Promise<CreateClientResponse>
  createTenant(tenantId: string, name?: string): Promise<TenantView>
  createOAuthClient(body: CreateOAuthClientRequest): Promise<CreateOAuthClientResponse>
  grantConsent(body: GrantConsentRequest): Promise<ConsentView>
  revokeConsent(consentId: string): Promise<void>
  setConsentRequired(streamId: string, required: boolean): Promise<void>
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set, get) => ({
  settings: undefined,
  tenants: [],
  oauthClients: [],
  consents: [],
  settingsError: undefined,
  async refreshSettings() {
    try {
      const [settings, oauthClients] = await Promise.all([
        inspectorApi.settings(),
        // The authorization server may be off: its list is then simply empty.
        inspectorApi.oauthClients().catch(() => [])
      ])
      set({ settings, oauthClients, settingsError: undefined }, undefined, 'settings/load')
    } catch (err) {
      set({ settingsError: errorText(err) }, undefined, 'settings/error')
    }
    await Promise.all([get().refreshTenants(), get().refreshConsents(), get().refreshClients()])
  },
  async refreshTenants() {
    try {
      set({ tenants: await inspectorApi.tenants() }, undefined, 'settings/tenants')
    } catch (err) {
      set({ settingsError: errorText(err) }, undefined, 'settings/error')
    }
  },
  async refreshConsents() {
    try {
      set({ consents: await inspectorApi.consents() }, undefined, 'settings/consents')
    } catch (err) {
      set({ settingsError: errorText(err) }, undefined, 'settings/error')
    }
  },
  async createClient(name) {
    const created = await inspectorApi.createClient(name)
    await get().refreshClients()
    return created
  },
  async createTenant(tenantId, name) {
    const created = await inspectorApi.createTenant(
      name ? { tenant_id: tenantId, name } : { tenant_id: tenantId }
    )
    await get().refreshTenants()
    return created
  },
  async createOAuthClient(body) {
    const created = await inspectorApi.createOAuthClient(body)
    set(
      { oauthClients: await inspectorApi.oauthClients().catch(() => get().oauthClients) },
      undefined,
      'settings/oauthClients'
    )
    return created
  },
  async grantConsent(body) {
    const granted = await inspectorApi.grantConsent(body)
    await get().refreshConsents()
    return granted
  },
  async revokeConsent(consentId) {
    await inspectorApi.revokeConsent(consentId)
    await get().refreshConsents()
  },
  async setConsentRequired(streamId, required) {
    await inspectorApi.setConsentRequired(streamId, required)
    await get().refreshStreams()
  }
})
