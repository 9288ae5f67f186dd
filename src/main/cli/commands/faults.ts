/**
 * `ssf-sim faults set|clear` and `ssf-sim keys rotate`.
 * @module
 */
import type { Command } from 'commander'
import { API_PATHS } from '../../../shared/api/paths'
import type { KeyRotationResponse } from '../../../shared/api/contract'
import { UsageError } from '../../core/config'
import { clientAction, examples, keyValues, stringOpt } from '../command'
import { withConnection } from '../connection'
import { print, type CliIo } from '../output'

function target(opts: Record<string, unknown>): string {
  const stream = stringOpt(opts, 'stream')
  const receiver = stringOpt(opts, 'receiver')
  if ((stream === undefined) === (receiver === undefined))
    throw new UsageError('give --stream ID or --receiver ID')
  return stream === undefined
    ? API_PATHS.receiverFaults(receiver ?? '')
    : API_PATHS.streamFaults(stream)
}

export function registerFaults(program: Command, io: CliIo): void {
  const faults = program
    .command('faults')
    .description("inject faults into a stream's deliveries or our receiver's answers")
    .addHelpText('after', examples('ssf-sim faults set --stream 4f1c… corrupt_signature=true'))
  const scoped = (cmd: Command) =>
    withConnection(
      cmd
        .option(
          '--stream <stream_id>',
          "a stream's deliveries (delay_ms, drop, duplicate, corrupt_signature, …)"
        )
        .option('--receiver <receiver_id>', "our receiver's answers (status, delay_ms)")
    )

  scoped(
    faults
      .command('set')
      .argument('<faults...>', 'key=value pairs, e.g. drop=true delay_ms=500')
      .description('set faults (replaces the previous ones)')
  )
    .addHelpText(
      'after',
      examples(
        'ssf-sim faults set --stream 4f1c… delay_ms=2000 duplicate=true',
        'ssf-sim faults set --receiver rcv_1 status=503'
      )
    )
    .action(async function (this: Command) {
      const pairs = this.processedArgs.flat().filter((a): a is string => typeof a === 'string')
      await clientAction(io, async ({ api, json, opts }) => {
        const result = await api.json<unknown>('PUT', target(opts), keyValues(pairs))
        print(io, json, result, () => `faults: ${JSON.stringify(result)}\n`)
      }).call(this)
    })

  scoped(faults.command('clear').description('clear every fault'))
    .addHelpText('after', examples('ssf-sim faults clear --stream 4f1c…'))
    .action(
      clientAction(io, async ({ api, json, opts }) => {
        await api.raw('DELETE', target(opts))
        print(io, json, { cleared: true }, () => 'faults cleared\n')
      })
    )
}

export function registerKeys(program: Command, io: CliIo): void {
  const keys = program
    .command('keys')
    .description("the Transmitter's signing keys")
    .addHelpText('after', examples('ssf-sim keys rotate --grace 3600'))
  withConnection(
    keys
      .command('rotate')
      .option('--alg <alg>', 'RS256 or ES256 (default: the current one)')
      .option('--grace <seconds>', 'how long the previous key stays in the JWKS', '3600')
      .description('make a new signing key; the previous one stays published for --grace')
  )
    .addHelpText('after', examples('ssf-sim keys rotate --alg ES256 --json'))
    .action(
      clientAction(io, async ({ api, json, opts }) => {
        const grace = stringOpt(opts, 'grace') ?? '3600'
        if (!/^\d+$/.test(grace)) throw new UsageError(`--grace must be seconds, got "${grace}"`)
        const alg = stringOpt(opts, 'alg')
        const r = await api.json<KeyRotationResponse>('POST', API_PATHS.keysRotate, {
          grace_seconds: Number(grace),
          ...(alg === undefined ? {} : { alg })
        })
        print(
          io,
          json,
          r,
          () =>
            `new key ${r.kid} (${r.alg}); ${r.previous_kid} retires at ${new Date(r.previous_retires_at * 1000).toISOString()}\n`
        )
      })
    )
}
