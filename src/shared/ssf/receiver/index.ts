/**
 * Receiver-side protocol logic without I/O: SET checks, remote metadata, conformance rules.
 * @module
 */
export {
  ALLOWED_SET_ALGS,
  PUSH_CONTENT_TYPE_PATH,
  checkPushContentType,
  checkSetClaims,
  checkSetHeader
} from './set-checks'
export type { CheckOutcome, SetExpectations, SetSummary } from './set-checks'
export {
  metadataCandidates,
  metadataFindings,
  parseRemoteMetadata,
  sniffSpecVersion
} from './metadata'
export type { MetadataCandidate, RemoteMetadata, SpecGeneration, WellKnownKind } from './metadata'
export { checkMetadata, checkStreamFields } from './conformance'
export type { StreamExpectation } from './conformance'
export type {
  CheckStatus,
  ConformanceCheck,
  Finding,
  FindingSeverity,
  SetRejection
} from './findings'
