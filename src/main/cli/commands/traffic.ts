/**
 * `ssf-sim traffic tail|export` and `ssf-sim replay`: the inspector's data from the command line.
 * `tail` follows the live feed (`/api/live`), printing each exchange as it is recorded.
 * @module
 */
import { writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import { API_PATHS } from '../../../shared/api/paths'
import type { ReplayResponse } from '../../../shared/api/contract'
import type { UiEvent } from '../../../shared/api/ui-events'
import { UsageError } from '../../core/config'
import { clientAction, examples, jsonObjectArg, stringOpt } from '../command'
import { withConnection } from '../connection'
import { print, type CliIo } from '../output'

type TrafficEvent = Extract<UiEvent, { type: 'traffic.created' }>

/** Parse server-sent events from a byte stream; yields each `data:` payload. */
export async function* sseData(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder()
  const reader = body.getReader()
  let buffer = ''
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      buffer += decoder.decode(value, { stream: true })
      let end: number
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const data = block
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).trimStart())
        if (data.length > 0) yield data.join('\n')
      }
    }
  } finally {
    // The consumer stopped (or the feed ended): close the connection so the process can exit.
    await reader.cancel().catch(() => undefined)
  }
}

function isTraffic(value: unknown): value is TrafficEvent {
  return (
    typeof value === 'object' &&
    value !== null &&
    'type' in value &&
    value.type === 'traffic.created'
  )
}

const line = (t: TrafficEvent) =>
  `${new Date().toISOString()} #${t.id} ${t.direction === 'inbound' ? '<-' : '->'} ${t.kind} ` +
  `${t.method} ${t.url} ${t.status ?? '---'}${t.jti ? ` jti=${t.jti}` : ''}\n`

export function registerTraffic(program: Command, io: CliIo): void {
  const traffic = program
    .command('traffic')
    .description('the traffic log: follow it live or export it')
    .addHelpText(
      'after',
      examples('ssf-sim traffic tail --kind push', 'ssf-sim traffic export --out t.har')
    )

  withConnection(
    traffic
      .command('tail')
      .option('--kind <kind>', 'only this kind: push, poll, management, receiver-push, …')
      .option('--count <n>', 'stop after N exchanges (default: follow until Ctrl-C)')
      .description('follow exchanges as they happen (the live feed, /api/live)')
  )
    .addHelpText('after', examples('ssf-sim traffic tail --kind push --json'))
    .action(
      clientAction(io, async ({ api, json, opts }) => {
        const kind = stringOpt(opts, 'kind')
        const countRaw = stringOpt(opts, 'count')
        if (countRaw !== undefined && !/^[1-9]\d*$/.test(countRaw))
          throw new UsageError(`--count must be a positive number, got "${countRaw}"`)
        let left = countRaw === undefined ? Infinity : Number(countRaw)
        const res = await api.raw('GET', API_PATHS.live)
        if (!res.body) return
        io.err(`following ${api.url}${API_PATHS.live} (Ctrl-C to stop)\n`)
        for await (const data of sseData(res.body)) {
          let event: unknown
          try {
            event = JSON.parse(data)
          } catch {
            continue
          }
          if (!isTraffic(event) || (kind !== undefined && event.kind !== kind)) continue
          io.out(json ? `${JSON.stringify(event)}\n` : line(event))
          if (--left <= 0) break
        }
      })
    )

  withConnection(
    traffic
      .command('export')
      .option('--format <format>', 'har (exchanges) or ndjson (every SET sent)', 'har')
      .option('--out <file>', 'write to this file instead of stdout')
      .description('export the traffic log (HAR 1.2) or the SETs sent (NDJSON)')
  )
    .addHelpText(
      'after',
      examples('ssf-sim traffic export --out traffic.har', 'ssf-sim traffic export --format ndjson')
    )
    .action(
      clientAction(io, async ({ api, json, opts }) => {
        const format = stringOpt(opts, 'format') ?? 'har'
        if (format !== 'har' && format !== 'ndjson')
          throw new UsageError(`--format must be har or ndjson, got "${format}"`)
        const res = await api.raw(
          'GET',
          format === 'har' ? API_PATHS.trafficHar : API_PATHS.setsNdjson
        )
        const text = await res.text()
        const out = stringOpt(opts, 'out')
        if (out === undefined) {
          io.out(text.endsWith('\n') ? text : `${text}\n`)
          return
        }
        writeFileSync(out, text)
        print(
          io,
          json,
          { file: out, bytes: Buffer.byteLength(text), format },
          () => `wrote ${out}\n`
        )
      })
    )
}

export function registerReplay(program: Command, io: CliIo): void {
  withConnection(
    program
      .command('replay')
      .argument('<jti>', 'the SET to send again')
      .option('--claims <json>', 'replace its claims (a new, re-signed SET)')
      .description('send a recorded SET again, exactly or with edited claims')
  )
    .addHelpText(
      'after',
      examples('ssf-sim replay 8b0d… --json', `ssf-sim replay 8b0d… --claims '{"txn":"again"}'`)
    )
    .action(
      clientAction(io, async ({ api, json, args: [jti = ''], opts }) => {
        const claims = stringOpt(opts, 'claims')
        const r = await api.json<ReplayResponse>(
          'POST',
          API_PATHS.replay(jti),
          claims === undefined ? {} : { claims: jsonObjectArg(claims, '--claims') }
        )
        print(io, json, r, () => `replayed ${r.jti} (${r.mode}) on stream ${r.stream_id}\n`)
      })
    )
}
