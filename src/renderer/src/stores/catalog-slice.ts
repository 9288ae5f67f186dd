/**
 * The event catalog (`GET /api/event-types`). When the engine has no catalog endpoint (404) the
 * UI falls back to the built-in event-type URIs and says so.
 * @module
 */
import { BUILTIN_EVENT_TYPE_URIS } from '../../../shared/ssf/event-types'
import { api, errorText, isMissingEndpoint } from '../api/client'
import type { CatalogEventType } from '../api/schemas'
import type { SliceCreator } from './types'

/** Catalog state and actions. */
export interface CatalogSlice {
  eventTypes: CatalogEventType[]
  /** `full`: from the engine; `builtin`: URIs only (no catalog endpoint); `error`: failed. */
  catalogSource: 'loading' | 'full' | 'builtin' | 'error'
  catalogMessage: string | undefined
  loadCatalog(): Promise<void>
}

/** Human name of an event-type URI: its last path segment. */
export function eventTypeName(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1) || uri
}

/** Profile of a built-in URI (CAEP, RISC or SSF), from its path. */
export function eventTypeProfile(uri: string): string {
  if (uri.includes('/caep/')) return 'CAEP'
  if (uri.includes('/risc/')) return 'RISC'
  if (uri.includes('/ssf/')) return 'SSF'
  return 'Custom'
}

function sentenceCase(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

/** Minimal catalog entries for URIs the engine gave us no metadata for. */
export function builtinEntries(uris: readonly string[]): CatalogEventType[] {
  return uris.map((uri) => ({
    uri,
    name: eventTypeName(uri),
    title: sentenceCase(eventTypeName(uri).replace(/-/g, ' ')),
    description: '',
    profile: eventTypeProfile(uri),
    deprecated: false,
    claims: []
  }))
}

export const createCatalogSlice: SliceCreator<CatalogSlice> = (set) => ({
  eventTypes: builtinEntries(BUILTIN_EVENT_TYPE_URIS),
  catalogSource: 'loading',
  catalogMessage: undefined,
  async loadCatalog() {
    try {
      const eventTypes = await api.eventTypes()
      set(
        { eventTypes, catalogSource: 'full', catalogMessage: undefined },
        undefined,
        'catalog/load'
      )
    } catch (err) {
      const missing = isMissingEndpoint(err)
      set(
        {
          eventTypes: builtinEntries(BUILTIN_EVENT_TYPE_URIS),
          catalogSource: missing ? 'builtin' : 'error',
          catalogMessage: missing
            ? 'This engine has no event catalog (GET /api/event-types is missing), so event types are listed without their claim forms. Use raw JSON mode to set claims.'
            : `The event catalog could not be loaded: ${errorText(err)}`
        },
        undefined,
        'catalog/fallback'
      )
    }
  }
})
