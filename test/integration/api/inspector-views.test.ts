/**
 * `GET /api/faults`, `GET /api/keys`, `GET /api/settings` and the live events that keep the
 * screens reading them current (`faults.changed`, `keys.rotated`), over real HTTP.
 */
import { afterEach, describe, expect, it } from 'vitest'
import {
  faultsOverviewSchema,
  keysResponseSchema,
  settingsSchema
} from '../../../src/shared/api/inspector'
import type { UiEvent } from '../../../src/shared/api/ui-events'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { POLL, createStream } from '../delivery/helpers'

let engine: TestEngine | undefined
afterEach(async () => {
  await engine?.stop()
  engine = undefined
})

/** Events published on the engine's bus from now on. */
function record(e: TestEngine): UiEvent[] {
  const seen: UiEvent[] = []
  e.core.ctx.bus.subscribe((event) => seen.push(event))
  return seen
}

describe('inspector views', () => {
  it('lists active faults by stream and receiver, and announces each change', async () => {
    const e = (engine = await startTestEngine())
    const stream = await createStream(e, { method: POLL })
    const seen = record(e)
    const empty = faultsOverviewSchema.parse(await (await e.call('GET', '/api/faults')).json())
    expect(empty).toEqual({ streams: {}, receivers: {} })

    const put = await e.call('PUT', `/api/streams/${stream.stream_id}/faults`, {
      drop: true,
      delay_ms: 10
    })
    expect(put.status).toBe(200)
    const active = faultsOverviewSchema.parse(await (await e.call('GET', '/api/faults')).json())
    expect(active.streams).toEqual({ [stream.stream_id]: { drop: true, delay_ms: 10 } })

    expect((await e.call('DELETE', `/api/streams/${stream.stream_id}/faults`)).status).toBe(204)
    const cleared = faultsOverviewSchema.parse(await (await e.call('GET', '/api/faults')).json())
    expect(cleared.streams).toEqual({})
    expect(seen.filter((x) => x.type === 'faults.changed')).toEqual([
      { type: 'faults.changed', stream_id: stream.stream_id },
      { type: 'faults.changed', stream_id: stream.stream_id }
    ])
  })

  it('lists signing keys without key material; a rotated key keeps its grace period', async () => {
    const e = (engine = await startTestEngine())
    const seen = record(e)
    const before = keysResponseSchema.parse(await (await e.call('GET', '/api/keys')).json())
    expect(before.jwks_uri).toBe(`${e.core.issuer}/ssf/jwks`)
    expect(before.keys).toHaveLength(1)
    expect(before.keys[0]).toMatchObject({ active: true, retire_at: null, published: true })

    const rotated = await e.call('POST', '/api/keys/rotate', { grace_seconds: 3600 })
    expect(rotated.status).toBe(201)
    const after = await (await e.call('GET', '/api/keys')).json()
    expect(JSON.stringify(after)).not.toMatch(/"d"|private/)
    const { keys } = keysResponseSchema.parse(after)
    expect(keys.map((k) => k.active)).toEqual([true, false])
    expect(keys[1]?.kid).toBe(before.keys[0]?.kid)
    const now = Math.floor(Date.now() / 1000)
    expect(keys[1]?.retire_at).toBeGreaterThan(now + 3500)
    expect(keys[1]?.published).toBe(true)
    expect(seen).toContainEqual({ type: 'keys.rotated', kid: keys[0]?.kid })
  })

  it('shows the settings the engine runs with', async () => {
    const e = (engine = await startTestEngine({ trafficRetention: 1234 }))
    const settings = settingsSchema.parse(await (await e.call('GET', '/api/settings')).json())
    expect(settings).toEqual({
      issuer: e.core.issuer,
      metadata_url: `${e.core.issuer}/.well-known/ssf-configuration`,
      jwks_uri: `${e.core.issuer}/ssf/jwks`,
      data_dir: e.dataDir,
      traffic_retention: 1234
    })
  })

  it('needs the token', async () => {
    const e = (engine = await startTestEngine())
    for (const path of ['/api/faults', '/api/keys', '/api/settings'])
      expect((await fetch(`${e.url}${path}`)).status).toBe(401)
  })
})
