/**
 * `ssf-sim streams ls|get|create|status|verify|rm` and `ssf-sim subjects add|rm`: the
 * Transmitter's streams, acting for their clients.
 * @module
 */
import type { Command } from 'commander'
import { API_PATHS } from '../../../shared/api/paths'
import type { StreamView } from '../../../shared/api/contract'
import { DELIVERY_METHOD_POLL, DELIVERY_METHOD_PUSH } from '../../../shared/ssf'
import { UsageError } from '../../core/config'
import { clientAction, eventTypeUri, examples, stringOpt, subjectArg } from '../command'
import { withConnection } from '../connection'
import { print, table, type CliIo } from '../output'

function row(s: StreamView): Record<string, unknown> {
  return {
    stream_id: s.config.stream_id,
    client: s.client_id,
    status: s.status,
    delivery: s.config.delivery?.method === DELIVERY_METHOD_POLL ? 'poll' : 'push',
    endpoint: s.config.delivery?.endpoint_url ?? '',
    subjects: s.subjects.length
  }
}

const describeStream = (s: StreamView) =>
  `${table([row(s)], ['stream_id', 'client', 'status', 'delivery', 'endpoint', 'subjects'])}` +
  `events_delivered: ${(s.config.events_delivered ?? []).join(' ') || '(none)'}\n`

export function registerStreams(program: Command, io: CliIo): void {
  const streams = program
    .command('streams')
    .description("the Transmitter's streams (every client's)")
    .addHelpText('after', examples('ssf-sim streams ls --json', 'ssf-sim streams create --poll'))

  withConnection(streams.command('ls').description('list streams'))
    .addHelpText('after', examples('ssf-sim streams ls --url http://127.0.0.1:4400'))
    .action(
      clientAction(io, async ({ api, json }) => {
        const list = await api.json<StreamView[]>('GET', API_PATHS.streams)
        print(io, json, list, () =>
          list.length === 0
            ? 'no streams\n'
            : table(list.map(row), [
                'stream_id',
                'client',
                'status',
                'delivery',
                'endpoint',
                'subjects'
              ])
        )
      })
    )

  withConnection(streams.command('get').argument('<stream_id>').description('show one stream'))
    .addHelpText('after', examples('ssf-sim streams get 4f1c… --json'))
    .action(
      clientAction(io, async ({ api, json, args: [id = ''] }) => {
        const s = await api.json<StreamView>('GET', API_PATHS.stream(id))
        print(io, json, s, () => describeStream(s))
      })
    )

  withConnection(
    streams
      .command('create')
      .description('create a stream for a client (the default client unless --client)')
      .option('--push <endpoint_url>', "push to the app under test's endpoint (RFC 8935)")
      .option('--poll', 'let the app under test poll (RFC 8936)')
      .option('--events <types>', 'comma-separated event types, e.g. caep.session-revoked')
      .option('--client <client_id>', 'the client the stream belongs to')
      .option('--description <text>', 'description')
  )
    .addHelpText(
      'after',
      examples(
        'ssf-sim streams create --push http://127.0.0.1:3000/ssf/events --events caep.session-revoked'
      )
    )
    .action(
      clientAction(io, async ({ api, json, opts }) => {
        const push = stringOpt(opts, 'push')
        if (push !== undefined && opts.poll === true)
          throw new UsageError('give --push or --poll, not both')
        const body: Record<string, unknown> = {
          delivery:
            push === undefined
              ? { method: DELIVERY_METHOD_POLL }
              : { method: DELIVERY_METHOD_PUSH, endpoint_url: push }
        }
        const events = stringOpt(opts, 'events')
        if (events !== undefined)
          body.events_requested = events.split(',').map((e) => eventTypeUri(e.trim()))
        const client = stringOpt(opts, 'client')
        if (client !== undefined) body.client_id = client
        const description = stringOpt(opts, 'description')
        if (description !== undefined) body.description = description
        const s = await api.json<StreamView>('POST', API_PATHS.streams, body)
        print(io, json, s, () => describeStream(s))
      })
    )

  withConnection(
    streams
      .command('status')
      .argument('<stream_id>')
      .argument('[status]', 'enabled, paused or disabled; absent = show the status')
      .option('--reason <text>', 'reason sent in the stream-updated event')
      .description("show or change a stream's status (Transmitter-initiated)")
  )
    .addHelpText('after', examples('ssf-sim streams status 4f1c… paused --reason maintenance'))
    .action(
      clientAction(io, async ({ api, json, args: [id = '', status], opts }) => {
        if (status === undefined) {
          const s = await api.json<StreamView>('GET', API_PATHS.stream(id))
          const out = { stream_id: id, status: s.status, reason: s.reason }
          print(io, json, out, () => `${s.status}${s.reason ? ` (${s.reason})` : ''}\n`)
          return
        }
        const reason = stringOpt(opts, 'reason')
        const result = await api.json<unknown>('POST', API_PATHS.streamStatus(id), {
          status,
          ...(reason === undefined ? {} : { reason })
        })
        print(io, json, result, () => `stream ${id}: ${status}\n`)
      })
    )

  withConnection(
    streams
      .command('verify')
      .argument('<stream_id>')
      .option('--state <state>', 'the state echoed in the verification SET')
      .description('send a verification SET to the stream')
  )
    .addHelpText('after', examples('ssf-sim streams verify 4f1c… --state ping-1'))
    .action(
      clientAction(io, async ({ api, json, args: [id = ''], opts }) => {
        const state = stringOpt(opts, 'state')
        const result = await api.json<unknown>(
          'POST',
          API_PATHS.streamVerify(id),
          state === undefined ? {} : { state }
        )
        print(io, json, result ?? { stream_id: id }, () => `verification sent to ${id}\n`)
      })
    )

  withConnection(streams.command('rm').argument('<stream_id>').description('delete a stream'))
    .addHelpText('after', examples('ssf-sim streams rm 4f1c…'))
    .action(
      clientAction(io, async ({ api, json, args: [id = ''] }) => {
        await api.raw('DELETE', API_PATHS.stream(id))
        print(io, json, { stream_id: id, deleted: true }, () => `deleted ${id}\n`)
      })
    )
}

export function registerSubjects(program: Command, io: CliIo): void {
  const subjects = program
    .command('subjects')
    .description("add or remove a stream's subjects")
    .addHelpText('after', examples('ssf-sim subjects add 4f1c… email:alice@example.com'))
  for (const [name, method, verb] of [
    ['add', 'POST', 'added'],
    ['rm', 'DELETE', 'removed']
  ] as const)
    withConnection(
      subjects
        .command(name)
        .argument('<stream_id>')
        .argument('<subject>', 'email:ADDR, phone:NUMBER, opaque:ID or RFC 9493 JSON')
        .description(`${name === 'add' ? 'add a subject to' : 'remove a subject from'} a stream`)
    )
      .addHelpText(
        'after',
        examples(`ssf-sim subjects ${name} 4f1c… '{"format":"email","email":"alice@example.com"}'`)
      )
      .action(
        clientAction(io, async ({ api, json, args: [id = '', raw = ''] }) => {
          const subject = subjectArg(raw)
          await api.raw(method, API_PATHS.streamSubjects(id), { subject })
          print(io, json, { stream_id: id, subject, [verb]: true }, () => `${verb} ${raw}\n`)
        })
      )
}
