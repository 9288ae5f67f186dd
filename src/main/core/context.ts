/**
 * AppContext: the {@link CoreContext} (infrastructure only) plus the {@link Services}, what
 * `core/start.ts` hands its callers (the CLI, the tests). Nothing inside the engine takes it: the
 * app, the control API and the services take named dependencies.
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
