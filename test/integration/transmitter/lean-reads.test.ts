/**
 * The lean path (`src/main/http/lean-reads.ts`) answers the plain management reads before express.
 * A conditional header (`If-Modified-Since`, never fresh here) sends the same request through
 * express: both answers, and the traffic rows recorded for them, must be the same.
 */
import { request } from 'node:http'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { TrafficExchange } from '../../../src/shared/traffic'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { POLL, createStream } from './fixtures'

let engine: TestEngine
beforeAll(async () => {
  engine = await startTestEngine()
})
afterAll(() => engine.stop())

interface Answer {
  status: number
  /** Raw header lines in the order sent, without `Date`. */
  headers: string[]
  body: string
}

function get(path: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${engine.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const lines: string[] = []
        for (let i = 0; i < res.rawHeaders.length; i += 2)
          if (res.rawHeaders[i] !== 'Date')
            lines.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`)
        resolve({
          status: res.statusCode ?? 0,
          headers: lines,
          body: Buffer.concat(chunks).toString()
        })
      })
    })
    req.on('error', reject)
    req.end()
  })
}

/** The stored exchanges of the last two inbound GETs of `path`, the latest first. */
async function lastTwo(path: string): Promise<[TrafficExchange, TrafficExchange]> {
  let ids: number[] = []
  await expect
    .poll(async () => {
      const res = await engine.call('GET', '/api/traffic?direction=inbound&limit=500')
      ids = ((await res.json()) as { items: TrafficExchange[] }).items
        .filter((x) => x.method === 'GET' && x.url === `${engine.url}${path}`)
        .slice(0, 2)
        .map((x) => x.id)
      return ids.length
    })
    .toBe(2)
  const read = async (id: number | undefined) =>
    (await (await engine.call('GET', `/api/traffic/${id}`)).json()) as TrafficExchange
  return [await read(ids[0]), await read(ids[1])]
}

const SINCE = { 'If-Modified-Since': 'Thu, 01 Jan 2026 00:00:00 GMT' }

it.each([
  ['one stream', (id: string) => `/ssf/streams?stream_id=${id}`],
  ['the list', () => '/ssf/streams'],
  ['a status', (id: string) => `/ssf/status?stream_id=${encodeURIComponent(id)}`],
  ['an unknown stream (express answers the error)', () => '/ssf/streams?stream_id=st_none'],
  ['a repeated id (express answers the error)', () => '/ssf/status?stream_id=a&stream_id=b']
])('%s: the lean path answers and records what express does', async (_, pathOf) => {
  const stream = await createStream(engine, { delivery: { method: POLL } })
  const path = pathOf(stream.stream_id)
  const auth = { Authorization: `Bearer ${engine.token}` }
  const lean = await get(path, auth)
  const viaExpress = await get(path, { ...auth, ...SINCE })
  expect(lean).toEqual(viaExpress)
  const [expressRow, leanRow] = await lastTwo(path)
  const { 'if-modified-since': since, ...requestHeaders } = expressRow.request_headers
  expect(since).toBe(SINCE['If-Modified-Since'])
  const same = (x: TrafficExchange) => ({
    ...x,
    id: 0,
    at: 0,
    duration_ms: 0,
    request_headers: x === expressRow ? requestHeaders : x.request_headers
  })
  expect(same(leanRow)).toEqual(same(expressRow))
})

it('a token in the query as well as the header is refused by express (400), not served', async () => {
  const res = await get('/ssf/streams?access_token=x', { Authorization: `Bearer ${engine.token}` })
  expect(res.status).toBe(400)
})
