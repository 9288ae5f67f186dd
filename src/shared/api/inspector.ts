/**
 * Bodies of the inspector's control API that the UI reads and writes: faults, signing keys and
 * settings. Declared once as zod schemas; the engine and the UI infer their types from them.
 * @module
 */
import { z } from 'zod'

/** Faults of a Transmitter stream: `PUT /api/streams/{id}/faults` body and `GET` response. */
export const streamFaultsSchema = z.strictObject({
  delay_ms: z.number().int().min(0).max(120_000).optional(),
  drop: z.boolean().optional(),
  duplicate: z.boolean().optional(),
  reorder: z.boolean().optional(),
  corrupt_signature: z.boolean().optional(),
  wrong_aud: z.boolean().optional(),
  wrong_iss: z.boolean().optional(),
  unknown_kid: z.boolean().optional(),
  alg_none: z.boolean().optional(),
  wrong_typ: z.boolean().optional(),
  iat_offset_seconds: z
    .number()
    .int()
    .min(-10 * 365 * 86400)
    .max(10 * 365 * 86400)
    .optional()
})
/** Stream faults. */
export type StreamFaults = z.infer<typeof streamFaultsSchema>

/** Faults of an embedded Receiver: `PUT /api/receivers/{id}/faults` body and `GET` response. */
export const receiverFaultsSchema = z.strictObject({
  status: z.number().int().min(200).max(599).optional(),
  delay_ms: z.number().int().min(0).max(120_000).optional()
})
/** Receiver faults. */
export type ReceiverFaults = z.infer<typeof receiverFaultsSchema>

/** `GET /api/faults`: every active fault, by stream id and by receiver id. */
export const faultsOverviewSchema = z.object({
  streams: z.record(z.string(), streamFaultsSchema),
  receivers: z.record(z.string(), receiverFaultsSchema)
})
/** Active faults. */
export type FaultsOverview = z.infer<typeof faultsOverviewSchema>

/** One signing key (`GET /api/keys` item): public facts only, never key material. */
export const signingKeySchema = z.object({
  kid: z.string(),
  alg: z.string(),
  /** Milliseconds since the epoch. */
  created_at: z.number(),
  /** The key new SETs are signed with. */
  active: z.boolean(),
  /** Seconds since the epoch when a rotated-out key leaves the JWKS; null for the active key. */
  retire_at: z.number().nullable(),
  /** Still in the JWKS (active, or retired but within its grace period). */
  published: z.boolean()
})
/** A signing key. */
export type SigningKeyView = z.infer<typeof signingKeySchema>

/** `GET /api/keys`: newest first, with where the JWKS is published. */
export const keysResponseSchema = z.object({
  jwks_uri: z.string(),
  keys: z.array(signingKeySchema)
})
/** Keys and the JWKS address. */
export type KeysResponse = z.infer<typeof keysResponseSchema>

/** `POST /api/keys/rotate` request. */
export const rotateKeyRequestSchema = z.strictObject({
  alg: z.enum(['RS256', 'ES256']).optional(),
  grace_seconds: z
    .number()
    .int()
    .min(0)
    .max(365 * 86400)
})
/** A rotation request. */
export type RotateKeyRequest = z.infer<typeof rotateKeyRequestSchema>

/** `POST /api/keys/rotate` response (201). */
export const keyRotationResponseSchema = z.object({
  kid: z.string(),
  alg: z.string(),
  previous_kid: z.string(),
  previous_retires_at: z.number()
})

/** `GET /api/settings`: the engine's settings as the Settings screen shows them (read-only). */
export const settingsSchema = z.object({
  issuer: z.string(),
  metadata_url: z.string(),
  jwks_uri: z.string(),
  /** The data folder (SQLite file, keys). */
  data_dir: z.string(),
  /** Traffic-log rows kept (`--traffic-retention`). */
  traffic_retention: z.number()
})
/** Settings. */
export type SettingsView = z.infer<typeof settingsSchema>
