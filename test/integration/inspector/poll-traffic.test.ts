/**
 * A recorded poll response names the stored SETs it carried instead of copying them
 * (docs/performance.md); the detail pane and the HAR export still show the exact bytes sent.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { startTestEngine, type TestEngine } from '../helpers/bootstrap'
import { POLL, createStream, fireOk } from '../delivery/helpers'

let engine: TestEngine | undefined
afterEach(async () => {
  await engine?.stop()
  engine = undefined
})

/** The newest poll exchange of a stream, in detail. */
async function pollExchange(e: TestEngine, streamId: string) {
  let id: number | undefined
  await expect
    .poll(async () => {
      const res = await e.call('GET', `/api/traffic?kind=poll&stream_id=${streamId}`)
      const { items } = (await res.json()) as { items: { id: number }[] }
      id = items[0]?.id
      return id
    })
    .toBeDefined()
  return (await (await e.call('GET', `/api/traffic/${id}`)).json()) as {
    response_body: string | null
  }
}

describe('recorded poll responses', () => {
  it('show the exact body sent, in the detail and the HAR export', async () => {
    const e = (engine = await startTestEngine())
    const stream = await createStream(e, { method: POLL })
    await fireOk(e, 'a@corp.example')
    await fireOk(e, 'b@corp.example')
    const res = await e.call('POST', `/ssf/poll/${stream.stream_id}`, { returnImmediately: true })
    const sent = await res.text()
    expect(Object.keys((JSON.parse(sent) as { sets: object }).sets)).toHaveLength(2)

    const detail = await pollExchange(e, stream.stream_id)
    expect(detail.response_body).toBe(sent)
    const har = (await (await e.call('GET', '/api/traffic/export.har')).json()) as {
      log: { entries: { response: { content: { text: string } } }[] }
    }
    expect(har.log.entries.map((x) => x.response.content.text)).toContain(sent)
  })

  it('show a token a fault changed as it was sent', async () => {
    const e = (engine = await startTestEngine())
    const stream = await createStream(e, { method: POLL })
    await e.call('PUT', `/api/streams/${stream.stream_id}/faults`, { wrong_aud: true })
    const [made] = await fireOk(e, 'poll@corp.example')
    const res = await e.call('POST', `/ssf/poll/${stream.stream_id}`, { returnImmediately: true })
    const sent = await res.text()
    const stored = e.core.ctx.services.delivery.outbound.get(made!.jti)!.token
    expect(sent).not.toContain(stored)
    expect((await pollExchange(e, stream.stream_id)).response_body).toBe(sent)
  })
})
