/**
 * THE one place an error becomes a response: `{"err","description"}` JSON with the right status.
 * Errors from body parsing (express/body-parser) are mapped too; anything unexpected is a
 * generic 500 without internals.
 * @module
 */
import type { Server } from 'node:http'
import type { Socket } from 'node:net'
import type { ErrorRequestHandler, RequestHandler } from 'express'
import { SsfError, type ErrorBody } from '../../shared/ssf'
import type { Logger } from '../core/logger'

interface HttpishError {
  status?: unknown
  statusCode?: unknown
  type?: unknown
  expose?: unknown
  message?: unknown
}

const BODY_PARSER_ERRORS: Record<string, [number, string, string]> = {
  'entity.parse.failed': [400, 'invalid_request', 'the request body is not valid JSON'],
  'entity.too.large': [413, 'payload_too_large', 'the request body is larger than 1 MiB'],
  'encoding.unsupported': [415, 'unsupported_media_type', 'unsupported content encoding'],
  'charset.unsupported': [415, 'unsupported_media_type', 'unsupported charset'],
  'entity.verify.failed': [400, 'invalid_request', 'the request body was refused'],
  'request.aborted': [400, 'invalid_request', 'the request was aborted'],
  'request.size.invalid': [
    400,
    'invalid_request',
    'the request body size does not match Content-Length'
  ],
  'stream.encoding.set': [500, 'server_error', 'internal error'],
  'parameters.too.many': [413, 'payload_too_large', 'too many parameters']
}

/** Map any thrown value to a status, headers and body. Pure; exported for tests. */
export function toErrorResponse(err: unknown): {
  status: number
  headers: Record<string, string>
  body: ErrorBody
} {
  if (err instanceof SsfError)
    return { status: err.status, headers: { ...err.headers }, body: err.toBody() }
  const e = (typeof err === 'object' && err !== null ? err : {}) as HttpishError
  const mapped = typeof e.type === 'string' ? BODY_PARSER_ERRORS[e.type] : undefined
  if (mapped)
    return { status: mapped[0], headers: {}, body: { err: mapped[1], description: mapped[2] } }
  const status =
    typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : 500
  if (status >= 400 && status < 500)
    return {
      status,
      headers: {},
      body: {
        err: 'invalid_request',
        description:
          e.expose === true && typeof e.message === 'string' ? e.message : 'the request was refused'
      }
    }
  return {
    status: 500,
    headers: {},
    body: { err: 'server_error', description: 'internal error; see the simulator log' }
  }
}

/** Express error middleware (must be mounted last). */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const { status, headers, body } = toErrorResponse(err)
    if (status >= 500) logger.error(`${req.method} ${req.originalUrl} failed`, err)
    if (res.headersSent) {
      res.destroy()
      return
    }
    res.status(status).set(headers).set('Cache-Control', 'no-store').json(body)
  }
}

/** Final handler for unmatched API-ish paths: JSON 404. */
export const notFoundHandler: RequestHandler = (req, res) => {
  res
    .status(404)
    .set('Cache-Control', 'no-store')
    .json({
      err: 'not_found',
      description: `no endpoint ${req.method} ${req.path}`
    } satisfies ErrorBody)
}

/**
 * Errors Node's own HTTP parser raises (malformed request line, oversized headers) never reach
 * express; answer them with the same JSON shape and keep the server up.
 */
export function handleClientErrors(server: Server, logger: Logger): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy()
      return
    }
    const [status, text, description] =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', 'request headers are too large']
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'Request Timeout', 'the request took too long']
          : [400, 'Bad Request', 'malformed HTTP request']
    const body = JSON.stringify({ err: 'invalid_request', description } satisfies ErrorBody)
    socket.end(
      `HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
    )
    logger.warn(`rejected a malformed HTTP request (${err.code ?? 'unknown'})`)
  })
}
