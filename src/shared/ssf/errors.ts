/**
 * Typed protocol errors. Each carries the HTTP status and a stable wire code; the one error
 * handler in `src/main/http/error-handler.ts` turns them into `{"err","description"}` bodies.
 * Branch on `code`, never on `message`.
 * @module
 */

import type { ErrorBody } from '../api/errors'

/** Wire shape of every error body this app sends (declared in `shared/api/errors`). */
export type { ErrorBody }

/** Base class: an error with an HTTP status and a stable code. */
export class SsfError extends Error {
  readonly status: number
  readonly code: string
  /** Extra response headers (e.g. `WWW-Authenticate`, `Retry-After`). */
  readonly headers: Readonly<Record<string, string>>

  constructor(
    status: number,
    code: string,
    description: string,
    headers: Record<string, string> = {}
  ) {
    super(description)
    this.name = 'SsfError'
    this.status = status
    this.code = code
    this.headers = headers
  }

  toBody(): ErrorBody {
    return { err: this.code, description: this.message }
  }
}

/** 400: unparseable or invalid request. */
export class InvalidRequestError extends SsfError {
  constructor(description: string) {
    super(400, 'invalid_request', description)
    this.name = 'InvalidRequestError'
  }
}

/** 401: missing or invalid credentials, with an RFC 6750 challenge. */
export class UnauthorizedError extends SsfError {
  constructor(description: string, tokenPresented: boolean) {
    super(401, tokenPresented ? 'invalid_token' : 'unauthorized', description, {
      'WWW-Authenticate': tokenPresented
        ? `Bearer error="invalid_token", error_description="${description.replace(/"/g, "'")}"`
        : 'Bearer'
    })
    this.name = 'UnauthorizedError'
  }
}

/** 403: authenticated but not allowed. */
export class ForbiddenError extends SsfError {
  constructor(description: string, code = 'forbidden', headers: Record<string, string> = {}) {
    super(403, code, description, headers)
    this.name = 'ForbiddenError'
  }
}

/** 404: unknown (or foreign) resource. */
export class NotFoundError extends SsfError {
  constructor(description: string) {
    super(404, 'not_found', description)
    this.name = 'NotFoundError'
  }
}

/** 405: method not allowed on this endpoint. */
export class MethodNotAllowedError extends SsfError {
  constructor(method: string, allowed: readonly string[]) {
    super(405, 'method_not_allowed', `${method} is not allowed here`, {
      Allow: allowed.join(', ')
    })
    this.name = 'MethodNotAllowedError'
  }
}

/** 409: conflicts with existing state. */
export class ConflictError extends SsfError {
  constructor(description: string) {
    super(409, 'conflict', description)
    this.name = 'ConflictError'
  }
}

/** 413: body larger than {@link MAX_BODY_BYTES}. */
export class PayloadTooLargeError extends SsfError {
  constructor(description: string) {
    super(413, 'payload_too_large', description)
    this.name = 'PayloadTooLargeError'
  }
}

/** 415: the body's media type is not the one this endpoint takes. */
export class UnsupportedMediaTypeError extends SsfError {
  constructor(description: string) {
    super(415, 'unsupported_media_type', description)
    this.name = 'UnsupportedMediaTypeError'
  }
}

/** 429: too many requests (verification interval, subject rate limits). */
export class TooManyRequestsError extends SsfError {
  constructor(description: string, retryAfterSeconds: number) {
    super(429, 'too_many_requests', description, {
      'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds)))
    })
    this.name = 'TooManyRequestsError'
  }
}

/** RFC 8935 §2.3 / RFC 8936 §2.4 SET error codes (+ SSF's `invalid_state`). */
export const SET_ERROR_CODES = [
  'invalid_request',
  'invalid_key',
  'invalid_issuer',
  'invalid_audience',
  'authentication_failed',
  'access_denied',
  'invalid_state'
] as const

/** One of {@link SET_ERROR_CODES}. */
export type SetErrorCode = (typeof SET_ERROR_CODES)[number]

/** A SET was refused by a recipient: RFC 8935 push error (always HTTP 400 on the wire). */
export class PushError extends SsfError {
  override readonly code: SetErrorCode

  constructor(code: SetErrorCode, description: string, status = 400) {
    super(status, code, description)
    this.code = code
    this.name = 'PushError'
  }
}
