/**
 * What every control-API handler is built from: the engine's infrastructure and its services,
 * handed over explicitly by the route table (`router.ts`).
 * @module
 */
import type { RequestHandler } from 'express'
import { NotFoundError } from '../../shared/ssf'
import type { CoreContext } from '../core/core-context'
import type { Services } from '../core/services'

/** The dependencies of the control API's handlers. */
export interface ApiDeps {
  infra: CoreContext
  services: Services
}

/** A handler factory: one named request handler built over {@link ApiDeps}. */
export type ApiHandler = (deps: ApiDeps) => RequestHandler

/** A path parameter that must be a single string (404 naming `what` otherwise). */
export function pathParam(value: string | string[] | undefined, what: string): string {
  if (typeof value !== 'string') throw new NotFoundError(`${what} not found`)
  return value
}
