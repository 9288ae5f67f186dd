/**
 * Scenario files (`ssf-sim scenario run FILE`) and the config file (`ssf-sim.config.json|yaml`):
 * one zod schema each, sharing the `setup` block. `schemas/*.schema.json` is generated from these
 * (`npm run schemas`), and a test keeps it in step.
 * Bodies the control API validates itself (faults, subjects) are passed through and checked there.
 * @module
 */
import { z } from 'zod'

/** `250ms`, `2s`, `1.5m` or a number of seconds. */
export const durationSchema = z
  .union([
    z.number().nonnegative(),
    z.string().regex(/^\d+(\.\d+)?\s*(ms|s|m)$/, 'must be a duration such as 500ms, 2s or 1m')
  ])
  .describe('A duration: seconds as a number, or a string such as "500ms", "2s", "1m"')

/** A duration in milliseconds. */
export function durationMs(value: z.infer<typeof durationSchema>): number {
  if (typeof value === 'number') return value * 1000
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m)$/.exec(value)
  if (!m?.[1]) return 0
  const n = Number(m[1])
  return m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : n * 60_000
}

const name = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1-64 letters, digits, ".", "_" or "-"')
const subject = z
  .record(z.string(), z.unknown())
  .describe('An RFC 9493 subject identifier, e.g. {"format":"email","email":"alice@example.com"}')
const faults = z
  .record(z.string(), z.union([z.boolean(), z.number()]))
  .describe('Faults as the control API takes them (PUT /api/streams|receivers/{id}/faults)')

const clientSchema = z.strictObject({
  name: z.string().min(1).max(200).describe('Client name; a client of that name is reused'),
  token: z
    .string()
    .regex(/^[\x21-\x7e]{8,512}$/, 'must be 8-512 visible ASCII characters')
    .optional()
    .describe('A fixed bearer token for the app under test (generated when absent)'),
  audience: z.string().min(1).max(2048).optional()
})

const tenantSchema = z.strictObject({
  tenant_id: z.string().min(1).max(63),
  name: z.string().min(1).max(200).optional()
})

const streamSchema = z.strictObject({
  id: name.describe('The name steps and expectations use for this stream'),
  client: z
    .string()
    .min(1)
    .default('default')
    .describe('Name of a client from setup.clients, or "default" for the default client'),
  delivery: z.discriminatedUnion('method', [
    z.strictObject({
      method: z.literal('push'),
      endpoint_url: z.url().describe("The app under test's push endpoint (RFC 8935)"),
      authorization_header: z.string().min(1).optional()
    }),
    z.strictObject({ method: z.literal('poll') })
  ]),
  events_requested: z
    .array(z.string().min(1))
    .optional()
    .describe('Event-type URIs or names such as caep.session-revoked'),
  description: z.string().max(1024).optional(),
  subjects: z.array(subject).optional(),
  faults: faults.optional()
})

const receiverSchema = z.strictObject({
  id: name.describe('The name steps and expectations use for this receiver'),
  issuer: z.url().describe("Issuer of the Transmitter under test (its metadata's issuer)"),
  audience: z.string().min(1).optional(),
  transmitter_token: z
    .string()
    .min(1)
    .optional()
    .describe("Bearer token for the Transmitter's management API"),
  allow_http: z.boolean().optional(),
  require_authorization: z.boolean().optional(),
  poll_interval_seconds: z.number().int().min(0).optional(),
  strict: z.boolean().optional(),
  stream: z
    .strictObject({
      delivery: z.enum(['push', 'poll']).default('push'),
      events_requested: z.array(z.string().min(1)).optional(),
      description: z.string().max(1024).optional()
    })
    .optional()
    .describe('Create a stream on the Transmitter under test for this receiver'),
  subjects: z.array(subject).optional().describe('Subjects to add on that stream'),
  faults: faults.optional()
})

/** The declared starting state: shared by scenario files and the config file. */
export const setupSchema = z.strictObject({
  clients: z.array(clientSchema).optional(),
  tenants: z.array(tenantSchema).optional(),
  streams: z.array(streamSchema).optional(),
  receivers: z.array(receiverSchema).optional()
})

const setRef = z.string().min(1).describe('The "as" name given to a fire step')
const streamRef = z.string().min(1).describe('A stream id from setup.streams')
const receiverRef = z.string().min(1).describe('A receiver id from setup.receivers')

/** Conditions: what `wait` steps wait for and what expectations assert. */
export const conditionSchema = z.union([
  z.strictObject({
    acknowledged: setRef.describe(
      'The SET was acknowledged: a 2xx to its push, or acknowledged in a poll'
    ),
    stream: streamRef.optional()
  }),
  z.strictObject({
    all_acknowledged: streamRef.describe(
      'Every SET fired at this stream was acknowledged (none queued, outstanding or failed)'
    )
  }),
  z.strictObject({
    rejected: setRef.describe('The app under test refused the SET'),
    err: z
      .string()
      .min(1)
      .optional()
      .describe('The RFC 8935 error code it must answer, e.g. invalid_key'),
    stream: streamRef.optional()
  }),
  z.strictObject({
    received: receiverRef.describe('Our Receiver got a SET from the Transmitter under test'),
    event: z.string().min(1).optional().describe('Event-type URI or its last path segment'),
    subject: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('Members the subject must have, e.g. {"email":"alice@example.com"}'),
    lint_clean: z.boolean().optional().describe('No error or warning findings'),
    verdict: z.enum(['accepted', 'rejected']).default('accepted')
  }),
  z.strictObject({
    check_passes: z
      .union([z.strictObject({ receiver: receiverRef }), z.strictObject({ stream: streamRef })])
      .describe(
        'The conformance report ("Check my Transmitter" / "Check my Receiver") has no failure'
      ),
    verification_wait: durationSchema.optional()
  })
])

const expectationSchema = z.intersection(
  conditionSchema,
  z.object({
    name: z.string().min(1).optional(),
    within: durationSchema.optional().describe('How long it may take (default 5s)')
  })
)

const stepSchema = z.union([
  z.strictObject({
    fire: z.strictObject({
      type: z.string().min(1).describe('Event-type URI or name such as caep.session-revoked'),
      subject,
      claims: z.record(z.string(), z.unknown()).optional(),
      stream: streamRef.optional().describe('Only this stream (default: every matching stream)'),
      txn: z.string().min(1).optional(),
      allow_invalid: z.boolean().optional(),
      as: setRef.optional()
    })
  }),
  z.strictObject({
    wait: z.intersection(conditionSchema, z.object({ timeout: durationSchema.optional() }))
  }),
  z.strictObject({
    status: z.strictObject({
      stream: streamRef,
      status: z.enum(['enabled', 'paused', 'disabled']),
      reason: z.string().max(1024).optional()
    })
  }),
  z.strictObject({
    rotate_keys: z.strictObject({
      alg: z.enum(['RS256', 'ES256']).optional(),
      grace_seconds: z.number().int().min(0).optional()
    })
  }),
  z.strictObject({
    replay: z.strictObject({
      set: setRef,
      stream: streamRef.optional(),
      claims: z
        .record(z.string(), z.unknown())
        .optional()
        .describe('Replace the claims (re-signed)')
    })
  }),
  z.strictObject({
    set_fault: z.union([
      z.strictObject({ stream: streamRef, faults }),
      z.strictObject({ receiver: receiverRef, faults })
    ])
  }),
  z.strictObject({
    clear_fault: z.union([
      z.strictObject({ stream: streamRef }),
      z.strictObject({ receiver: receiverRef })
    ])
  })
])

/** A scenario file. */
export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: z.string().min(1).max(200),
    description: z.string().optional(),
    setup: setupSchema.default({}),
    steps: z.array(stepSchema).default([]),
    expect: z.array(expectationSchema).default([])
  })
  .describe('An ssf-sim scenario: setup, steps in order, then expectations')

/** The config file `serve` applies at start (the keys mirror a scenario's setup). */
export const configFileSchema = setupSchema
  .extend({ $schema: z.string().optional() })
  .describe('ssf-sim.config.json|yaml: the state `ssf-sim serve` starts from')

export type Scenario = z.infer<typeof scenarioSchema>
export type ScenarioSetup = z.infer<typeof setupSchema>
export type ScenarioStep = z.infer<typeof stepSchema>
export type Condition = z.infer<typeof conditionSchema>
export type Expectation = z.infer<typeof expectationSchema>
