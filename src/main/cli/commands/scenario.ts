/**
 * `ssf-sim scenario run FILE…`: run scenario files against an embedded engine (a fresh one in
 * a temporary data folder) or, with `--url`, against a running instance.
 * @module
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Command } from 'commander'
import { toJUnitXml } from '../../../shared/report/junit'
import { scenarioSchema } from '../../../shared/scenario/schema'
import { silentLogger } from '../../core/logger'
import { startCore } from '../../core/start'
import { createApiClient, type ApiClient } from '../api-client'
import { examples, stringOpt } from '../command'
import { connect, withConnection } from '../connection'
import { FailedError, printJson, type CliIo } from '../output'
import { loadDocument } from '../scenario/load'
import { renderReport, toJUnitSuite } from '../scenario/report'
import { runScenario, type ScenarioResult } from '../scenario/runner'

/** An instance to run against, and how to let it go. */
async function instance(
  opts: Record<string, unknown>,
  io: CliIo
): Promise<{ api: ApiClient; release: () => Promise<void> }> {
  if (stringOpt(opts, 'url') !== undefined || io.env.SSF_SIM_URL) {
    const flags = {
      url: stringOpt(opts, 'url'),
      token: stringOpt(opts, 'token'),
      dataDir: stringOpt(opts, 'dataDir')
    }
    return {
      api: connect(
        Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)),
        io.env
      ),
      release: async () => {}
    }
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'ssf-sim-scenario-'))
  const core = await startCore(
    { host: '127.0.0.1', port: 0, dataDir, quiet: true },
    { logger: silentLogger }
  )
  if (!opts.json) io.err(`embedded engine at ${core.url}\n`)
  return {
    api: createApiClient(core.url, core.token),
    release: async () => {
      await core.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}

export function registerScenario(program: Command, io: CliIo): void {
  const scenario = program
    .command('scenario')
    .description('declarative tests: setup, steps and expectations in a YAML or JSON file')
    .addHelpText(
      'after',
      examples('ssf-sim scenario run examples/receiver-revokes-sessions.yaml --junit junit.xml')
    )
  withConnection(
    scenario
      .command('run')
      .argument('<files...>', 'scenario files (YAML or JSON, see schemas/scenario.schema.json)')
      .option('--junit <file>', 'write the results as JUnit XML')
      .description('run scenarios; exit 1 when an expectation fails (embedded engine unless --url)')
  )
    .addHelpText(
      'after',
      examples(
        'ssf-sim scenario run my.yaml --url http://127.0.0.1:4400 --junit junit.xml',
        'APP_URL=http://127.0.0.1:3000 ssf-sim scenario run examples/receiver-rejects-tampered-sets.yaml'
      )
    )
    .action(async function (this: Command) {
      const opts: Record<string, unknown> = this.opts()
      const files = this.processedArgs.flat().filter((a): a is string => typeof a === 'string')
      // Every file is read and validated before anything runs: a typo fails fast, with exit 2.
      const scenarios = files.map((f) => ({
        file: f,
        scenario: loadDocument(scenarioSchema, f, io.env)
      }))
      const results: ScenarioResult[] = []
      const { api, release } = await instance(opts, io)
      try {
        for (const { file, scenario: s } of scenarios) {
          const result = await runScenario(api, s, file)
          results.push(result)
          if (!opts.json) io.out(renderReport(result))
        }
      } finally {
        await release()
      }
      const junit = stringOpt(opts, 'junit')
      if (junit !== undefined) writeFileSync(junit, toJUnitXml(results.map(toJUnitSuite)))
      if (opts.json) printJson(io, { passed: results.every((r) => r.passed), scenarios: results })
      const failed = results.filter((r) => !r.passed)
      if (failed.length > 0)
        throw new FailedError(`${failed.length} of ${results.length} scenario(s) failed`)
    })
}
