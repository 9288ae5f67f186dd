/**
 * Stream configuration and status: wire types, Receiver- vs Transmitter-supplied members and
 * the validators of the management API bodies.
 * @see SSF 1.0 §8.1.1, §8.1.2
 * @module
 */
import { z } from 'zod'
import {
  DELIVERY_METHOD_POLL,
  DELIVERY_METHOD_PUSH,
  LEGACY_DELIVERY_METHOD_POLL,
  LEGACY_DELIVERY_METHOD_PUSH
} from './constants'
import { InvalidRequestError } from './errors'
import {
  KNOWN_SUBJECT_FORMATS,
  unknownSubjectFormats,
  validateSubject,
  type SubjectIdentifier
} from './subject'
import { assertJsonDepth, parseWith, requireJsonObject } from './validate'

/** Stream status values. @see SSF 1.0 §8.1.2 */
export const STREAM_STATUSES = ['enabled', 'paused', 'disabled'] as const
/** One of {@link STREAM_STATUSES}. */
export type StreamStatusValue = (typeof STREAM_STATUSES)[number]

/** Push delivery: the Receiver supplies `endpoint_url`. @see SSF 1.0 §6.1.1 */
export interface PushDelivery {
  method: typeof DELIVERY_METHOD_PUSH
  endpoint_url: string
  authorization_header?: string
}

/** Poll delivery: the Transmitter supplies `endpoint_url`. @see SSF 1.0 §6.1.2 */
export interface PollDelivery {
  method: typeof DELIVERY_METHOD_POLL
  endpoint_url: string
}

/** A stream's `delivery` member. */
export type Delivery = PushDelivery | PollDelivery

/** Receiver-supplied delivery as requested (poll `endpoint_url` not yet assigned). */
export type RequestedDelivery = PushDelivery | { method: typeof DELIVERY_METHOD_POLL }

/** Stream Configuration. @see SSF 1.0 §8.1.1 */
export interface StreamConfiguration {
  stream_id: string
  iss: string
  aud: string | string[]
  events_supported: string[]
  events_requested?: string[]
  events_delivered: string[]
  delivery: Delivery
  min_verification_interval?: number
  description?: string
  inactivity_timeout?: number
}

/** Stream status object. @see SSF 1.0 §8.1.2.1 */
export interface StreamStatus {
  stream_id: string
  status: StreamStatusValue
  reason?: string
}

/** Members the Receiver may set. @see SSF 1.0 §8.1.1 */
export const RECEIVER_SUPPLIED_MEMBERS = ['events_requested', 'delivery', 'description'] as const

/** Members the Transmitter controls; a Receiver may echo them only unchanged. */
export const TRANSMITTER_SUPPLIED_MEMBERS = [
  'stream_id',
  'iss',
  'aud',
  'events_supported',
  'events_delivered',
  'min_verification_interval',
  'inactivity_timeout'
] as const

/** The Receiver-supplied part of a create/update/replace body, validated. */
export interface ReceiverSuppliedConfig {
  events_requested?: string[]
  delivery?: RequestedDelivery
  description?: string
}

/** How a Transmitter treats Transmitter-supplied members in a create body (interop note A5). */
export type CreateMode = 'lenient' | 'strict'

/** Largest `description` we keep; longer ones are truncated (SSF 1.0 allows it). */
export const MAX_DESCRIPTION_LENGTH = 1024

const httpUrl = z.string().refine((s) => {
  try {
    const u = new URL(s)
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hash === ''
  } catch {
    return false
  }
}, 'must be an absolute http(s) URL without a fragment')

const eventTypeList = z.array(z.string().min(1, 'must be a non-empty event type URI')).max(500)

const deliverySchema = z
  .looseObject({
    method: z.string().optional(),
    // Older receivers (SSE ID1 examples, SGNL) say `delivery_method`; accepted as an alias.
    delivery_method: z.string().optional(),
    endpoint_url: z.unknown().optional(),
    url: z.unknown().optional(),
    authorization_header: z.string().max(8192).optional()
  })
  .transform((d, ctx): RequestedDelivery => {
    const raw = d.method ?? d.delivery_method
    if (raw === undefined) {
      ctx.addIssue({ code: 'custom', path: ['method'], message: '"method" is required' })
      return z.NEVER
    }
    const method =
      raw === LEGACY_DELIVERY_METHOD_PUSH
        ? DELIVERY_METHOD_PUSH
        : raw === LEGACY_DELIVERY_METHOD_POLL
          ? DELIVERY_METHOD_POLL
          : raw
    if (method === DELIVERY_METHOD_POLL) return { method }
    if (method !== DELIVERY_METHOD_PUSH) {
      ctx.addIssue({
        code: 'custom',
        path: ['method'],
        message: `unsupported delivery method; use ${DELIVERY_METHOD_PUSH} or ${DELIVERY_METHOD_POLL}`
      })
      return z.NEVER
    }
    const url = httpUrl.safeParse(d.endpoint_url ?? d.url)
    if (!url.success) {
      ctx.addIssue({
        code: 'custom',
        path: ['endpoint_url'],
        message:
          d.endpoint_url === undefined && d.url === undefined
            ? 'push delivery requires "endpoint_url"'
            : 'must be an absolute http(s) URL without a fragment'
      })
      return z.NEVER
    }
    const push: PushDelivery = { method, endpoint_url: url.data }
    if (d.authorization_header !== undefined) push.authorization_header = d.authorization_header
    return push
  })

const receiverSuppliedSchema = z.looseObject({
  events_requested: eventTypeList.optional(),
  delivery: deliverySchema.optional(),
  description: z.string().optional()
})

function pickReceiverSupplied(
  parsed: z.output<typeof receiverSuppliedSchema>
): ReceiverSuppliedConfig {
  const out: ReceiverSuppliedConfig = {}
  if (parsed.events_requested !== undefined)
    out.events_requested = [...new Set(parsed.events_requested)]
  if (parsed.delivery !== undefined) out.delivery = parsed.delivery
  if (parsed.description !== undefined)
    out.description = parsed.description.slice(0, MAX_DESCRIPTION_LENGTH)
  return out
}

/**
 * Validate a create-stream body. Unknown members are ignored (SSF 1.0 §8.1.1); Transmitter-supplied
 * members are ignored in lenient mode and refused in strict mode (interop note A5).
 * @see SSF 1.0 §8.1.1.1
 */
export function parseCreateStreamRequest(body: unknown, mode: CreateMode): ReceiverSuppliedConfig {
  const obj = requireJsonObject(body, 'stream configuration')
  if (mode === 'strict') {
    const present = TRANSMITTER_SUPPLIED_MEMBERS.filter((m) => obj[m] !== undefined)
    if (present.length > 0)
      throw new InvalidRequestError(
        `Transmitter-supplied members must not be sent on create: ${present.join(', ')}`
      )
  }
  return pickReceiverSupplied(parseWith(receiverSuppliedSchema, obj, 'stream configuration'))
}

/** A validated PATCH/PUT body: the target stream, the Receiver-supplied part and the echoed rest. */
export interface StreamUpdateRequest {
  stream_id: string
  config: ReceiverSuppliedConfig
  /** Transmitter-supplied members that were sent; each must equal the current value. */
  echoed: Partial<Record<(typeof TRANSMITTER_SUPPLIED_MEMBERS)[number], unknown>>
}

/** Validate a PATCH (update) or PUT (replace) body. @see SSF 1.0 §8.1.1.3, §8.1.1.4 */
export function parseStreamUpdateRequest(body: unknown): StreamUpdateRequest {
  const obj = requireJsonObject(body, 'stream configuration')
  const streamId = obj.stream_id
  if (typeof streamId !== 'string' || streamId.length === 0)
    throw new InvalidRequestError('"stream_id" is required and must be a string')
  const echoed: StreamUpdateRequest['echoed'] = {}
  for (const m of TRANSMITTER_SUPPLIED_MEMBERS)
    if (m !== 'stream_id' && obj[m] !== undefined) echoed[m] = obj[m]
  return {
    stream_id: streamId,
    config: pickReceiverSupplied(parseWith(receiverSuppliedSchema, obj, 'stream configuration')),
    echoed
  }
}

/** `events_delivered` = requested ∩ supported, in `supported` order. @see SSF 1.0 §8.1.1 */
export function computeEventsDelivered(
  requested: readonly string[] | undefined,
  supported: readonly string[]
): string[] {
  if (requested === undefined) return []
  const wanted = new Set(requested)
  return supported.filter((e) => wanted.has(e))
}

const streamIdSchema = z.string().min(1, '"stream_id" must be a non-empty string')

const statusUpdateSchema = z.looseObject({
  stream_id: streamIdSchema,
  status: z.enum(STREAM_STATUSES, { message: 'must be one of enabled, paused, disabled' }),
  reason: z.string().max(1024).optional()
})

/** Validate an update-status body. @see SSF 1.0 §8.1.2.2 */
export function parseStatusUpdateRequest(body: unknown): StreamStatus {
  const p = parseWith(statusUpdateSchema, requireJsonObject(body, 'status update'), 'status update')
  return p.reason === undefined
    ? { stream_id: p.stream_id, status: p.status }
    : { stream_id: p.stream_id, status: p.status, reason: p.reason }
}

/** A validated add/remove-subject body. */
export interface SubjectRequest {
  stream_id: string
  subject: SubjectIdentifier
  verified: boolean
}

const subjectRequestSchema = z.looseObject({
  stream_id: streamIdSchema,
  subject: z.unknown(),
  verified: z.boolean({ message: '"verified" must be a boolean' }).optional()
})

/**
 * Validate an add- or remove-subject body; `verified` defaults to true. A `format` that is
 * neither known nor among `privateFormats` (declared by the user) is a 400 naming the known ones.
 * @see SSF 1.0 §8.1.3
 */
export function parseSubjectRequest(
  body: unknown,
  privateFormats: readonly string[] = []
): SubjectRequest {
  const p = parseWith(
    subjectRequestSchema,
    requireJsonObject(body, 'subject request'),
    'subject request'
  )
  if (p.subject === undefined) throw new InvalidRequestError('"subject" is required')
  assertJsonDepth(p.subject, '"subject"')
  const unknown = unknownSubjectFormats(p.subject, privateFormats)
  if (unknown.length > 0)
    throw new InvalidRequestError(
      `unknown subject format ${unknown.map((f) => `"${f}"`).join(', ')}; known formats: ${[
        ...KNOWN_SUBJECT_FORMATS,
        ...privateFormats
      ].join(', ')} (declare a private format with POST /api/subject-formats)`
    )
  const issues = validateSubject(p.subject, 'subject')
  if (issues.length > 0)
    throw new InvalidRequestError(
      `invalid subject request: ${issues
        .slice(0, 5)
        .map((i) => `"${i.path}": ${i.message}`)
        .join('; ')}`
    )
  return {
    stream_id: p.stream_id,
    subject: p.subject as SubjectIdentifier,
    verified: p.verified ?? true
  }
}

/** A validated verification request. @see SSF 1.0 §8.1.4.2 */
export interface VerificationRequest {
  stream_id: string
  state?: string
}

const verificationSchema = z.looseObject({
  stream_id: streamIdSchema,
  state: z.string().max(4096).optional()
})

/** Validate a verification request body. */
export function parseVerificationRequest(body: unknown): VerificationRequest {
  const p = parseWith(
    verificationSchema,
    requireJsonObject(body, 'verification request'),
    'verification request'
  )
  return p.state === undefined
    ? { stream_id: p.stream_id }
    : { stream_id: p.stream_id, state: p.state }
}
