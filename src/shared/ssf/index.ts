/**
 * The SSF protocol layer: universal (no Node, no DOM-only APIs), shared by main and renderer.
 * @module
 */
export {
  AUTH_SCHEME_OAUTH2,
  DELIVERY_METHOD_POLL,
  DELIVERY_METHOD_PUSH,
  EVENT_TYPE_STREAM_UPDATED,
  EVENT_TYPE_VERIFICATION,
  LEGACY_DELIVERY_METHOD_POLL,
  LEGACY_DELIVERY_METHOD_PUSH,
  MAX_BODY_BYTES,
  SET_MEDIA_TYPE,
  SET_TYP,
  SPEC_VERSION,
  SSF_WELL_KNOWN_PATH
} from './constants'
export {
  ConflictError,
  ForbiddenError,
  InvalidRequestError,
  MethodNotAllowedError,
  NotFoundError,
  PayloadTooLargeError,
  PushError,
  SET_ERROR_CODES,
  SsfError,
  TooManyRequestsError,
  UnauthorizedError,
  UnsupportedMediaTypeError
} from './errors'
export type { ErrorBody, SetErrorCode } from './errors'
export {
  COMPLEX_SUBJECT_MEMBERS,
  KNOWN_SUBJECT_FORMATS,
  SIMPLE_SUBJECT_FORMATS,
  unknownSubjectFormats,
  canonicalSubject,
  isSubject,
  matchSubject,
  validateSubject,
  SUBJECT_FORMATS,
  buildSubject,
  isIpAddress,
  lintSubject
} from './subject'
export type { SubjectIdentifier, SubjectIssue } from './subject'
export type { SubjectFormatSpec, SubjectMemberSpec } from './subject'
export {
  MAX_DESCRIPTION_LENGTH,
  RECEIVER_SUPPLIED_MEMBERS,
  STREAM_STATUSES,
  TRANSMITTER_SUPPLIED_MEMBERS,
  computeEventsDelivered,
  parseCreateStreamRequest,
  parseStatusUpdateRequest,
  parseStreamUpdateRequest,
  parseSubjectRequest,
  parseVerificationRequest
} from './stream'
export type {
  CreateMode,
  Delivery,
  PollDelivery,
  PushDelivery,
  ReceiverSuppliedConfig,
  RequestedDelivery,
  StreamConfiguration,
  StreamStatus,
  StreamStatusValue,
  StreamUpdateRequest,
  SubjectRequest,
  VerificationRequest
} from './stream'
export {
  TRANSMITTER_ENDPOINT_PATHS,
  buildTransmitterMetadata,
  discoveryUrl,
  issuerPath
} from './transmitter-metadata'
export type {
  AuthorizationScheme,
  MetadataOptions,
  TransmitterMetadata
} from './transmitter-metadata'
export { formatPath, parseWith, requireJsonObject } from './validate'
export {
  BUILTIN_EVENT_TYPE_URIS,
  CAEP_EVENT_TYPES,
  RISC_EVENT_TYPES,
  SSF_EVENT_TYPES
} from './event-types'
export {
  BUILTIN_CATALOG,
  customEventEntry,
  customEventName,
  eventTypeUris,
  findEventType,
  isBuiltinEventType,
  listEventTypes
} from './catalog/index'
export { CAEP_COMMON_CLAIM_NAMES, CREDENTIAL_TYPES, INITIATING_ENTITIES } from './catalog/common'
export { exampleFromSchema, parseJsonSchema, validateJsonSchema } from './catalog/json-schema'
export {
  DEFAULT_SKEW_SECONDS,
  MILLISECONDS_THRESHOLD,
  assertFireable,
  checkPayload,
  formatFindings,
  validateEvent,
  validateEventForFire
} from './catalog/validate'
export type { CheckOptions, EventInput, FireValidation } from './catalog/validate'
export type {
  ClaimFormat,
  ClaimSpec,
  ClaimType,
  CustomEventType,
  EventProfile,
  EventTypeEntry,
  FormField,
  JsonSchema,
  JsonSchemaType,
  Requirement,
  SubjectConstraint
} from './catalog/types'
export { FINDING_SEVERITIES, findingSchema, findingSeveritySchema } from './finding'
export type { Finding, FindingSeverity } from './finding'
export { LEGACY_EVENT_TYPES, lintSet, lintVerdict } from './lint'
export type { LintOptions, SetParts } from './lint'
export { MAX_JSON_DEPTH, assertJsonDepth, jsonDepthExceeds } from './validate'
export { buildSetClaims, decodeSet } from './set'
export type { BuildSetInput, DecodedSet, SetClaims } from './set'
export { isSsfEventType } from './event-type-names'
