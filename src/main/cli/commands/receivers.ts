/**
 * `ssf-sim receivers add|ls|inbox|check`: the embedded Receiver and the Transmitters under test.
 * @module
 */
import type { Command } from 'commander'
import { API_PATHS } from '../../../shared/api/paths'
import type { InboxEntryView, ReceiverView } from '../../../shared/api/contract'
import { clientAction, examples, stringOpt } from '../command'
import { withConnection } from '../connection'
import { print, table, type CliIo } from '../output'
import { registerReceiverCheck } from './check'

const row = (r: ReceiverView) => ({
  receiver_id: r.receiver_id,
  issuer: r.issuer,
  push_endpoint: r.push_endpoint,
  stream: r.stream?.stream_id ?? ''
})

function eventOf(entry: InboxEntryView): string {
  const payload = entry.payload
  if (typeof payload !== 'object' || payload === null || !('events' in payload)) return ''
  const events = payload.events
  return typeof events === 'object' && events !== null ? Object.keys(events).join(' ') : ''
}

export function registerReceivers(program: Command, io: CliIo): void {
  const receivers = program
    .command('receivers')
    .description('our Receiver: register Transmitters under test, read what they sent')
    .addHelpText('after', examples('ssf-sim receivers add http://127.0.0.1:5000 --allow-http'))

  withConnection(
    receivers
      .command('add')
      .argument('<issuer>', "the Transmitter under test's issuer URL")
      .option('--audience <aud>', 'the audience its SETs must carry')
      .option('--transmitter-token <token>', "bearer token for the Transmitter's management API")
      .option('--allow-http', 'accept an http:// issuer (local development)')
      .option('--require-authorization', 'the push endpoint requires an Authorization header')
      .description('register a Transmitter under test; prints the push endpoint for it')
  )
    .addHelpText(
      'after',
      examples('ssf-sim receivers add http://127.0.0.1:5000 --transmitter-token s3cret --json')
    )
    .action(
      clientAction(io, async ({ api, json, args: [issuer = ''], opts }) => {
        const body: Record<string, unknown> = { issuer }
        const audience = stringOpt(opts, 'audience')
        const token = stringOpt(opts, 'transmitterToken')
        if (audience !== undefined) body.audience = audience
        if (token !== undefined) body.transmitter_token = token
        if (opts.allowHttp === true) body.allow_http = true
        if (opts.requireAuthorization === true) body.require_authorization = true
        const r = await api.json<ReceiverView>('POST', API_PATHS.receivers, body)
        print(io, json, r, () => table([row(r)], ['receiver_id', 'issuer', 'push_endpoint']))
      })
    )

  withConnection(receivers.command('ls').description('list registered Transmitters'))
    .addHelpText('after', examples('ssf-sim receivers ls --json'))
    .action(
      clientAction(io, async ({ api, json }) => {
        const list = await api.json<ReceiverView[]>('GET', API_PATHS.receivers)
        print(io, json, list, () =>
          list.length === 0
            ? 'no receivers\n'
            : table(list.map(row), ['receiver_id', 'issuer', 'push_endpoint', 'stream'])
        )
      })
    )

  withConnection(
    receivers
      .command('inbox')
      .argument('<receiver_id>')
      .option('--limit <n>', 'most recent N SETs', '50')
      .description('SETs received from that Transmitter, with their verdicts')
  )
    .addHelpText('after', examples('ssf-sim receivers inbox rcv_1 --limit 10'))
    .action(
      clientAction(io, async ({ api, json, args: [id = ''], opts }) => {
        const limit = stringOpt(opts, 'limit') ?? '50'
        const list = await api.json<InboxEntryView[]>(
          'GET',
          `${API_PATHS.receiverInbox(id)}?limit=${encodeURIComponent(limit)}`
        )
        print(io, json, list, () =>
          list.length === 0
            ? 'inbox empty\n'
            : table(
                list.map((e) => ({ ...e, event: eventOf(e), findings: e.findings.length })),
                ['id', 'via', 'verdict', 'err', 'jti', 'event', 'findings']
              )
        )
      })
    )

  registerReceiverCheck(receivers, io)
}
