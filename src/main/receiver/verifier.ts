/**
 * Verify one received SET: parse the compact JWS, check the header (alg allow-list, typ), find
 * the key (refetching the JWKS once on an unknown kid), verify the signature with jose, then check
 * the claims and lint. Never throws on bad input: every outcome is a {@link VerifyOutcome}.
 * @see RFC 8935 §2.2, RFC 8417, SSF 1.0 §4
 * @module
 */
import {
  compactVerify,
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  type JSONWebKeySet
} from 'jose'
import {
  ALLOWED_SET_ALGS,
  checkSetClaims,
  checkSetHeader,
  type Finding,
  type SetExpectations,
  type SetRejection,
  type SetSummary
} from '../../shared/ssf/receiver'
import { MAX_JSON_DEPTH, jsonDepthExceeds, type LintOptions } from '../../shared/ssf'
import { lintSet } from './lint-adapter'
import type { Jwks } from '../store/receiver-repo'

/** What verification concluded. */
export interface VerifyOutcome {
  rejection?: SetRejection
  header?: unknown
  /** Decoded payload (for display, also when the SET is invalid). */
  payload?: unknown
  /** `jti` as decoded (possibly unverified). */
  jti?: string
  findings: Finding[]
  summary?: SetSummary
}

/** How the verifier gets keys and expectations. */
export interface VerifyDeps {
  /** The issuer's JWKS; `refresh` forces a refetch. Throws when it cannot be fetched. */
  jwks(refresh: boolean): Promise<Jwks>
  /** Expectations, given the decoded `jti` (for duplicate detection). */
  expectations(jti: string | undefined): SetExpectations
  /** Options for the catalog linter (clock, custom event types, `events_delivered`). */
  lintOptions?: LintOptions
}

function toJwks(jwks: Jwks): JSONWebKeySet {
  return { keys: jwks.keys }
}

function hasKid(jwks: Jwks, kid: string): boolean {
  return jwks.keys.some((k) => k.kid === kid)
}

const reject = (
  code: SetRejection['code'],
  description: string,
  rest: Omit<VerifyOutcome, 'rejection' | 'findings'>,
  findings: Finding[]
): VerifyOutcome => ({ ...rest, rejection: { code, description }, findings })

/** Verify a compact SET received by push or poll. */
export async function verifySet(token: string, deps: VerifyDeps): Promise<VerifyOutcome> {
  const findings: Finding[] = []
  const compact = token.trim()
  if (compact === '')
    return reject('invalid_request', 'the body is empty; expected a SET', {}, findings)
  const parts = compact.split('.')
  if (parts.length === 5)
    return reject(
      'invalid_request',
      'encrypted SETs (JWE) are not supported; send a signed JWS',
      {},
      findings
    )
  let header: unknown
  try {
    // jose refuses any other number of parts than three (five, a JWE, is refused above).
    header = decodeProtectedHeader(compact)
  } catch {
    return reject(
      'invalid_request',
      'the body is not a JWS in compact serialization (three base64url parts)',
      {},
      findings
    )
  }
  let payload: unknown
  try {
    payload = decodeJwt(compact)
  } catch {
    // Not a JSON object: `payload` stays undefined, and the header is still checked and shown.
  }
  // Bounded nesting before anything walks, lints, stores or shows the decoded JSON (issue 15).
  for (const [part, value] of [
    ['header', header],
    ['payload', payload]
  ] as const)
    if (jsonDepthExceeds(value))
      return reject(
        'invalid_request',
        `the JWS ${part} nests deeper than ${MAX_JSON_DEPTH} levels (the limit)`,
        {},
        findings
      )
  const decodedJti =
    typeof payload === 'object' &&
    payload !== null &&
    'jti' in payload &&
    typeof payload.jti === 'string'
      ? payload.jti
      : undefined
  const shown = { header, payload, ...(decodedJti === undefined ? {} : { jti: decodedJti }) }
  const lint = () => (payload === undefined ? [] : lintSet({ header, payload }, deps.lintOptions))

  const headerCheck = checkSetHeader(header)
  findings.push(...headerCheck.findings)
  if (headerCheck.rejection)
    return { ...shown, rejection: headerCheck.rejection, findings: [...findings, ...lint()] }
  if (payload === undefined)
    return reject('invalid_request', 'the JWS payload is not a JSON object', shown, findings)

  const kid =
    typeof header === 'object' &&
    header !== null &&
    'kid' in header &&
    typeof header.kid === 'string'
      ? header.kid
      : undefined
  let jwks: Jwks
  try {
    jwks = await deps.jwks(false)
    if (kid !== undefined && !hasKid(jwks, kid)) {
      // Unknown kid: the Transmitter may have rotated keys; refetch once.
      jwks = await deps.jwks(true)
      findings.push({
        severity: 'info',
        rule: 'RFC 7517 §4.5',
        path: 'header.kid',
        message: `kid "${kid}" was not in the cached JWKS; the JWKS was fetched again`
      })
      if (!hasKid(jwks, kid))
        return reject(
          'invalid_key',
          `kid "${kid}" is not in the issuer's JWKS (fetched again to be sure)`,
          shown,
          [...findings, ...lint()]
        )
    }
  } catch (err) {
    return reject(
      'invalid_key',
      `the issuer's JWKS could not be fetched: ${err instanceof Error ? err.message : String(err)}`,
      shown,
      [...findings, ...lint()]
    )
  }

  let verifiedPayload: unknown
  try {
    const result = await compactVerify(compact, createLocalJWKSet(toJwks(jwks)), {
      algorithms: [...ALLOWED_SET_ALGS]
    })
    verifiedPayload = JSON.parse(new TextDecoder().decode(result.payload))
  } catch (err) {
    const description =
      err instanceof errors.JWSSignatureVerificationFailed
        ? "the signature does not verify with the issuer's key"
        : err instanceof errors.JWKSNoMatchingKey
          ? "no key in the issuer's JWKS matches the SET's header (kid/alg)"
          : err instanceof errors.JWKSMultipleMatchingKeys
            ? "several keys in the issuer's JWKS match and none verifies"
            : err instanceof errors.JWKSInvalid || err instanceof errors.JOSENotSupported
              ? `the issuer's key cannot be used: ${err.message}`
              : // No JSON.parse error lands here: decodeJwt above parsed the same payload bytes.
                `signature verification failed: ${err instanceof Error ? err.message : String(err)}`
    return reject('invalid_key', description, shown, [...findings, ...lint()])
  }

  const claims = checkSetClaims(verifiedPayload, deps.expectations(decodedJti))
  findings.push(...claims.findings, ...lint())
  const outcome: VerifyOutcome = { ...shown, payload: verifiedPayload, findings }
  if (claims.rejection) outcome.rejection = claims.rejection
  if (claims.summary) outcome.summary = claims.summary
  return outcome
}
