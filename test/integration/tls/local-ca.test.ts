/**
 * The local CA's life: restart keeps the CA (and a still-good leaf), the leaf is renewed before it
 * expires (at start and while running), keys are 0600, the name constraints hold, `--https-port`
 * serves https beside http, and `--extra-ca` lets push reach an app with its own dev certificate.
 */
import { rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createServer, request } from 'node:https'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { Clock } from '../../../src/main/core/context'
import { generateLeaf } from '../../../src/main/tls/certificates'
import { ensureCa, tlsPaths } from '../../../src/main/tls/store'
import { startTestEngine, tempDataDir, type TestEngine } from '../helpers/bootstrap'
import { PUSH, createStream, fireOk } from '../delivery/helpers'
import { caller, engineCa, fetchTrusting, servedCertificate, startAppUnderTest } from './helpers'

const DAY = 86_400_000
const engines: TestEngine[] = []
const cleanups: (() => Promise<void>)[] = []

afterEach(async () => {
  for (const e of engines.splice(0)) await e.stop()
  for (const c of cleanups.splice(0)) await c()
})

async function start(
  options: Parameters<typeof startTestEngine>[0],
  dataDir = tempDataDir(),
  clock?: Clock
): Promise<TestEngine> {
  const e = await startTestEngine(options, dataDir, {
    fetch: undefined,
    ...(clock ? { clock } : {})
  })
  engines.push(e)
  return e
}

async function stop(e: TestEngine): Promise<void> {
  engines.splice(engines.indexOf(e), 1)
  await e.stop(false)
}

describe('the local CA', () => {
  it('survives a restart: same CA, same leaf, still trusted by a client of the first run', async () => {
    const first = await start({ https: true })
    const ca = engineCa(first.dataDir)
    const leaf = await servedCertificate(first.url)
    await stop(first)
    const second = await start({ https: true }, first.dataDir)
    cleanups.push(() => second.stop())
    expect(engineCa(second.dataDir)).toBe(ca)
    expect((await servedCertificate(second.url)).serialNumber).toBe(leaf.serialNumber)
    const res = await fetchTrusting(ca)(`${second.url}/.well-known/ssf-configuration`)
    expect(res.status).toBe(200)
  })

  it('keeps its keys readable by the user only and constrains the CA to loopback names', async () => {
    const e = await start({ https: true })
    const paths = tlsPaths(e.dataDir)
    if (process.platform !== 'win32') {
      expect(statSync(paths.caKey).mode & 0o777).toBe(0o600)
      expect(statSync(paths.leafKey).mode & 0o777).toBe(0o600)
      expect(statSync(paths.dir).mode & 0o777).toBe(0o700)
    }
    const ca = await ensureCa(e.dataDir, '127.0.0.1', Date.now())
    expect(ca.permittedDns).toEqual(['localhost'])
    const call = caller(fetchTrusting(ca.cert), e.url, e.token)
    const info = (await (await call('GET', '/api/tls/ca')).json()) as Record<string, unknown>
    expect(info).toMatchObject({
      fingerprint_sha256: ca.fingerprint,
      path: paths.caCert,
      permitted_dns: ['localhost'],
      https_url: e.url
    })
    expect(JSON.stringify(info)).not.toContain('PRIVATE KEY')
  })

  it('cannot sign for another host: a client refuses such a leaf (name constraints)', async () => {
    const dataDir = tempDataDir()
    const ca = await ensureCa(dataDir, '127.0.0.1', Date.now())
    const evil = await generateLeaf(ca, { dns: ['evil.example'], ips: [] }, Date.now())
    const server = createServer({ key: evil.key, cert: evil.cert }, (_req, res) => res.end('ok'))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    cleanups.push(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      rmSync(dataDir, { recursive: true, force: true })
    })
    const port = (server.address() as AddressInfo).port
    const outcome = await new Promise<string>((resolve) => {
      const req = request(
        { host: '127.0.0.1', port, servername: 'evil.example', ca: [ca.cert], path: '/' },
        (res) => resolve(`HTTP ${res.statusCode}`)
      )
      req.on('error', (err) => resolve(err.message))
      req.end()
    })
    expect(outcome).toMatch(/permitted subtree violation/)
  })

  it('renews a leaf that expires soon at start, keeping the CA', async () => {
    const dataDir = tempDataDir()
    const then = Date.now() - 380 * DAY
    const old = await start({ https: true }, dataDir, { now: () => then })
    const ca = engineCa(dataDir)
    const oldLeaf = await servedCertificate(old.url)
    expect(Date.parse(oldLeaf.valid_to) - Date.now()).toBeLessThan(30 * DAY)
    await stop(old)
    const renewed = await start({ https: true }, dataDir)
    expect(engineCa(dataDir)).toBe(ca)
    const leaf = await servedCertificate(renewed.url)
    expect(leaf.serialNumber).not.toBe(oldLeaf.serialNumber)
    expect(Date.parse(leaf.valid_to) - Date.now()).toBeGreaterThan(300 * DAY)
    const res = await fetchTrusting(ca)(`${renewed.url}/.well-known/ssf-configuration`)
    expect(res.status).toBe(200)
  })

  it('renews the leaf of a running server when it falls due, without a restart', async () => {
    let now = Date.now() - 380 * DAY
    const e = await start({ https: true }, tempDataDir(), { now: () => now })
    const before = await servedCertificate(e.url)
    now = Date.now()
    // The next connection notices the leaf is due; later handshakes get the renewed one.
    await expect
      .poll(async () => (await servedCertificate(e.url)).serialNumber, { timeout: 10_000 })
      .not.toBe(before.serialNumber)
    const res = await fetchTrusting(engineCa(e.dataDir))(`${e.url}/.well-known/ssf-configuration`)
    expect(res.status).toBe(200)
  })
})

describe('--https-port', () => {
  it('serves https beside http and advertises the https issuer', async () => {
    const e = await start({ https: true, httpsPort: 0 })
    expect(e.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const httpsUrl = e.core.httpsUrl
    expect(httpsUrl).toMatch(/^https:\/\/localhost:\d+$/)
    expect(e.core.issuer).toBe(httpsUrl)
    const viaHttp = (await (await fetch(`${e.url}/.well-known/ssf-configuration`)).json()) as {
      issuer: string
      jwks_uri: string
    }
    expect(viaHttp).toMatchObject({ issuer: httpsUrl, jwks_uri: `${httpsUrl}/ssf/jwks` })
    const viaHttps = await fetchTrusting(engineCa(e.dataDir))(`${httpsUrl}/ssf/jwks`)
    expect(viaHttps.status).toBe(200)
  })
})

describe('--extra-ca: pushing to an app with its own dev certificate', () => {
  async function pushTo(extraCa: boolean) {
    const app = await startAppUnderTest()
    cleanups.push(() => app.close())
    const dataDir = tempDataDir()
    const caFile = join(dataDir, 'app-ca.pem')
    writeFileSync(caFile, app.ca.cert)
    const e = await start(extraCa ? { extraCa: caFile } : {}, dataDir)
    const stream = await createStream(e, { method: PUSH, endpoint_url: `${app.url}/events` })
    await e.call('POST', '/ssf/subjects:add', {
      stream_id: stream.stream_id,
      subject: { format: 'email', email: 'a@b.example' }
    })
    const [made] = await fireOk(e, 'a@b.example', { stream_ids: [stream.stream_id] })
    return { app, e, jti: made!.jti }
  }

  it("delivers when the app's CA is given with --extra-ca", async () => {
    const { app, e, jti } = await pushTo(true)
    await expect
      .poll(() => e.core.ctx.services.delivery.outbound.get(jti)?.state, { timeout: 10_000 })
      .toBe('delivered')
    expect(app.received.map((r) => r.contentType)).toContain('application/secevent+jwt')
  })

  it('fails with a certificate error without it, and never falls back to http', async () => {
    const { app, e, jti } = await pushTo(false)
    await expect
      .poll(() => e.core.ctx.services.delivery.outbound.attempts(jti)[0]?.error, {
        timeout: 10_000
      })
      .toMatch(/UNABLE_TO_VERIFY|SELF_SIGNED|CERT/)
    const urls = e.core.ctx.services.delivery.outbound.attempts(jti).map((a) => a.request_url)
    expect(urls.every((u) => u?.startsWith('https:'))).toBe(true)
    expect(app.received).toEqual([])
  })

  it("lets the Receiver's client discover a Transmitter with its own certificate", async () => {
    const app = await startAppUnderTest()
    cleanups.push(() => app.close())
    const dataDir = tempDataDir()
    const caFile = join(dataDir, 'app-ca.pem')
    writeFileSync(caFile, app.ca.cert)
    const without = await start({}, tempDataDir())
    const refused = await without.call('POST', '/api/receivers', { issuer: app.url })
    expect(refused.status).toBe(502)
    expect(await refused.json()).toMatchObject({
      err: 'transmitter_unreachable',
      description: expect.stringMatching(/certificate not trusted .*--extra-ca/)
    })
    const trusting = await start({ extraCa: caFile }, dataDir)
    const registered = await trusting.call('POST', '/api/receivers', { issuer: app.url })
    expect(registered.status).toBe(201)
    expect(await registered.json()).toMatchObject({ issuer: app.url })
  })

  it('refuses to start with an unreadable or empty --extra-ca file', async () => {
    const dataDir = tempDataDir()
    const empty = join(dataDir, 'empty.pem')
    writeFileSync(empty, 'no certificate here')
    await expect(start({ extraCa: empty }, dataDir)).rejects.toThrow(/holds no PEM certificate/)
    await expect(start({ extraCa: join(dataDir, 'missing.pem') }, dataDir)).rejects.toThrow(
      /cannot be read \(ENOENT\)/
    )
  })
})
