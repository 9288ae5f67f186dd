/**
 * AppContext: the {@link CoreContext} (infrastructure only) plus the {@link Services}, for the
 * routers that hand both to their handlers. Services themselves take named dependencies or the
 * CoreContext, never this.
 * @module
 */
import type { CoreContext } from './core-context'
import type { Services } from './services'

export { systemClock, type Clock } from './clock'
export type { CoreContext, Repos } from './core-context'
export type { Services } from './services'

/** The engine's infrastructure and its services. */
export interface AppContext extends CoreContext {
  services: Services
}
