/**
 * `GET /api/live`: server-sent events of every {@link UiEvent} on the bus.
 * @module
 */
import type { ApiHandler } from './deps'

/** Heartbeat interval keeping proxies and EventSource connections alive. */
const HEARTBEAT_MS = 15_000

export const get: ApiHandler = ({ infra }) =>
  function streamLiveEvents(req, res) {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no'
    })
    res.write(': connected\n\n')
    let seq = 0
    const unsubscribe = infra.bus.subscribe((event) => {
      res.write(`id: ${++seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`)
    })
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS)
    heartbeat.unref()
    req.on('close', () => {
      clearInterval(heartbeat)
      unsubscribe()
    })
  }
