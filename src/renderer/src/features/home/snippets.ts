/**
 * Ready-to-paste commands that point an app (or a shell) at the Transmitter.
 * @module
 */
// Module paths, not the `shared/ssf` index: Home is in the entry chunk, the index pulls in zod.
import { DELIVERY_METHOD_POLL, DELIVERY_METHOD_PUSH } from '../../../../shared/ssf/constants'
import { CAEP_EVENT_TYPES } from '../../../../shared/ssf/event-types'
import { TRANSMITTER_ENDPOINT_PATHS } from '../../../../shared/ssf/transmitter-metadata'

/** Quote for a POSIX shell. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`
}

/** The snippets of the home screen. */
export function homeSnippets(issuer: string, metadataUrl: string, token: string) {
  const streams = `${issuer.replace(/\/$/, '')}${TRANSMITTER_ENDPOINT_PATHS.configuration}`
  const auth = `-H ${shellQuote(`Authorization: Bearer ${token}`)}`
  const json = `-H 'Content-Type: application/json'`
  const events = [CAEP_EVENT_TYPES['session-revoked'], CAEP_EVENT_TYPES['credential-change']]
  const push = JSON.stringify(
    {
      delivery: {
        method: DELIVERY_METHOD_PUSH,
        endpoint_url: 'https://your-app.example/ssf/events'
      },
      events_requested: events,
      description: 'my app (push)'
    },
    null,
    2
  )
  const poll = JSON.stringify(
    {
      delivery: { method: DELIVERY_METHOD_POLL },
      events_requested: events,
      description: 'my app (poll)'
    },
    null,
    2
  )
  return {
    discovery: `curl -s ${shellQuote(metadataUrl)}`,
    createPush: `curl -s -X POST ${shellQuote(streams)} \\\n  ${auth} ${json} \\\n  -d ${shellQuote(push)}`,
    createPoll: `curl -s -X POST ${shellQuote(streams)} \\\n  ${auth} ${json} \\\n  -d ${shellQuote(poll)}`
  }
}
