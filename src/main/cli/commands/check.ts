/**
 * `ssf-sim check receiver|transmitter` and `ssf-sim receivers check`: run a conformance report
 * on the running instance, print it as a table, JSON or JUnit, and exit 1 when a check fails.
 * @module
 */
import { writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import { API_PATHS } from '../../../shared/api/paths'
import { checksToJUnitSuite, type ReportCheck } from '../../../shared/report/checks-junit'
import { toJUnitXml } from '../../../shared/report/junit'
import { UsageError } from '../../core/config'
import type { ApiClient } from '../api-client'
import { clientAction, examples, stringOpt, type ClientContext } from '../command'
import { withConnection } from '../connection'
import { FailedError, printJson, table, type CliIo } from '../output'

/** The two reports: which object they run on and their name in reports. */
const REPORTS = {
  receiver: {
    title: 'Check my Receiver',
    path: (id: string) => `/api/streams/${encodeURIComponent(id)}/check`
  },
  transmitter: { title: 'Check my Transmitter', path: API_PATHS.receiverCheck }
} as const

/** Run a report through the control API. */
export async function runCheck(
  api: ApiClient,
  kind: keyof typeof REPORTS,
  id: string,
  waitSeconds?: number
): Promise<ReportCheck[]> {
  // Check my Receiver waits for the app (`wait_seconds`); Check my Transmitter for its verification.
  const key = kind === 'receiver' ? 'wait_seconds' : 'verification_wait_seconds'
  const body = waitSeconds === undefined ? {} : { [key]: waitSeconds }
  const { checks } = await api.json<{ checks: ReportCheck[] }>('POST', REPORTS[kind].path(id), body)
  return checks
}

function waitOption(opts: Record<string, unknown>): number | undefined {
  const raw = stringOpt(opts, 'wait')
  if (raw === undefined) return undefined
  if (!/^\d+(\.\d+)?$/.test(raw)) throw new UsageError(`--wait must be seconds, got "${raw}"`)
  return Number(raw)
}

async function report(kind: keyof typeof REPORTS, c: ClientContext): Promise<void> {
  const id = c.args[0] ?? ''
  const checks = await runCheck(c.api, kind, id, waitOption(c.opts))
  const junit = stringOpt(c.opts, 'junit')
  if (junit !== undefined)
    writeFileSync(junit, toJUnitXml([checksToJUnitSuite(`${REPORTS[kind].title} (${id})`, checks)]))
  const failed = checks.filter((x) => x.status === 'fail')
  if (c.json) printJson(c.io, { checks })
  else
    c.io.out(
      table(checks, ['status', 'id', 'title', 'detail']) +
        `\n${checks.length} checks: ${failed.length} failed, ` +
        `${checks.filter((x) => x.status === 'warn').length} warnings, ` +
        `${checks.filter((x) => x.status === 'skip').length} skipped\n`
    )
  if (failed.length > 0) throw new FailedError(`${failed.length} check(s) failed`)
}

function reportCommand(cmd: Command, io: CliIo, kind: keyof typeof REPORTS): Command {
  return withConnection(
    cmd
      .option('--junit <file>', 'also write the report as JUnit XML')
      .option(
        '--wait <seconds>',
        'how long to wait for the app under test (the verification round trip)'
      )
  ).action(clientAction(io, (c) => report(kind, c)))
}

export function registerCheck(program: Command, io: CliIo): void {
  const check = program
    .command('check')
    .description('conformance reports: exit 1 when a check fails')
    .addHelpText('after', examples('ssf-sim check transmitter rcv_1 --junit report.xml'))
  reportCommand(
    check
      .command('receiver')
      .argument('<stream_id>', 'the stream of the Receiver app under test')
      .description('"Check my Receiver": the app that owns this stream'),
    io,
    'receiver'
  ).addHelpText('after', examples('ssf-sim check receiver 4f1c… --json'))
  reportCommand(
    check
      .command('transmitter')
      .argument('<receiver_id>', 'our receiver registered for the Transmitter under test')
      .description('"Check my Transmitter": the Transmitter behind this receiver'),
    io,
    'transmitter'
  ).addHelpText('after', examples('ssf-sim check transmitter rcv_1 --junit check.xml'))
}

/** `receivers check` is `check transmitter` under the receivers group. */
export function registerReceiverCheck(receivers: Command, io: CliIo): void {
  reportCommand(
    receivers
      .command('check')
      .argument('<receiver_id>')
      .description('"Check my Transmitter" for this receiver (same as check transmitter)'),
    io,
    'transmitter'
  ).addHelpText('after', examples('ssf-sim receivers check rcv_1 --json'))
}
