import { rmSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { startTestEngine, tempDataDir } from '../helpers/bootstrap'
import { POLL_STREAM, clientCredentialsToken, registerClient } from './helpers'

describe('the authorization server survives a restart', () => {
  it('keeps clients, tenants and its signing key: old tokens still work, new ones are issued', async () => {
    const dataDir = tempDataDir()
    try {
      const first = await startTestEngine({}, dataDir)
      expect((await first.call('POST', '/api/tenants', { tenant_id: 'acme' })).status).toBe(201)
      const client = await registerClient(first, { name: 'persistent', tenant: 'acme' })
      const token = await clientCredentialsToken(client, 'ssf.read ssf.manage')
      expect((await first.call('POST', '/t/acme/ssf/streams', POLL_STREAM, token)).status).toBe(201)
      const port = new URL(first.url).port
      await first.stop(false)

      // Same port, so the issuer (and so the token's iss/aud) is the same.
      const second = await startTestEngine({ port: Number(port) }, dataDir)
      try {
        // The first engine's keep-alive sockets die with it; let fetch drop them before asserting.
        await expect
          .poll(() =>
            fetch(`${second.url}/.well-known/ssf-configuration`).then(
              (r) => r.status,
              () => 0
            )
          )
          .toBe(200)
        const list = await second.call('GET', '/t/acme/ssf/streams', undefined, token)
        expect(list.status).toBe(200)
        expect(await list.json()).toHaveLength(1)
        const again = await clientCredentialsToken(
          { ...client, token_endpoint: `${second.url}/oauth/token` },
          'ssf.read'
        )
        expect((await second.call('GET', '/t/acme/ssf/streams', undefined, again)).status).toBe(200)
      } finally {
        await second.stop(false)
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
