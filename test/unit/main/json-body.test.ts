/**
 * The JSON body parser (`http/body.ts`): its fast path (plain `application/json`, UTF-8, with a
 * Content-Length) answers exactly as body-parser does for the cases body-parser still handles.
 */
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jsonBody } from '../../../src/main/http/body'
import { createErrorHandler } from '../../../src/main/http/error-handler'
import { silentLogger } from '../../../src/main/core/logger'

let server: Server
let base = ''

beforeAll(async () => {
  const app = express()
  app.post('/echo', jsonBody, (req, res) => {
    res.json({ body: req.body === undefined ? 'undefined' : (req.body as unknown) })
  })
  app.use(createErrorHandler(silentLogger))
  server = createServer(app)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

function post(
  body: string | Buffer,
  headers: Record<string, string>
): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/echo`, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString()) })
      )
    })
    req.on('error', reject)
    req.end(body)
  })
}

const json = { 'Content-Type': 'application/json' }

describe('jsonBody', () => {
  it.each([
    ['an object', '{"a":[1,2]}', json, { a: [1, 2] }],
    ['an array after whitespace', ' \n[1]', json, [1]],
    [
      'a UTF-8 charset',
      '{"é":"ü"}',
      { 'Content-Type': 'application/json; charset=utf-8' },
      { é: 'ü' }
    ],
    ['a byte order mark', '\ufeff{"a":1}', json, { a: 1 }],
    ['an empty body (body-parser: {})', '', json, {}],
    ['a +json media type', '{"a":1}', { 'Content-Type': 'application/merge-patch+json' }, { a: 1 }],
    ['another media type (not parsed)', '{"a":1}', { 'Content-Type': 'text/plain' }, 'undefined']
  ])('reads %s', async (_name, body, headers, expected) => {
    expect(await post(body, headers)).toEqual({ status: 200, json: { body: expected } })
  })

  it('reads a gzip body (body-parser)', async () => {
    const res = await post(gzipSync('{"a":1}'), { ...json, 'Content-Encoding': 'gzip' })
    expect(res).toEqual({ status: 200, json: { body: { a: 1 } } })
  })

  it.each([
    ['invalid JSON', '{"a":', 400, 'invalid_request'],
    ['a JSON string (strict)', '"a"', 400, 'invalid_request'],
    ['whitespace only', '   ', 400, 'invalid_request']
  ])('answers %s with %i', async (_name, body, status, err) => {
    const res = await post(body, json)
    expect(res.status).toBe(status)
    expect(res.json).toMatchObject({ err })
  })

  it('refuses another charset (415) and a body over 1 MiB (413)', async () => {
    expect((await post('{}', { 'Content-Type': 'application/json; charset=latin1' })).status).toBe(
      415
    )
    expect((await post(`[${'1,'.repeat(600_000)}1]`, json)).status).toBe(413)
  })
})
