/**
 * Run a scenario against an instance: setup, steps in order, then expectations. Failures are
 * data in the result (the report and the exit code come from it); nothing here prints.
 * @module
 */
import type { FireEventResponse } from '../../../shared/api/contract'
import { API_PATHS } from '../../../shared/api/paths'
import { durationMs, type Scenario, type ScenarioStep } from '../../../shared/scenario/schema'
import { ApiError, type ApiClient } from '../api-client'
import {
  describeCondition,
  firedSets,
  receiverId,
  streamId,
  waitFor,
  type RunState
} from './conditions'
import { applySetup } from './setup'

/** How one part ended: `error` = it could not run, `fail` = an expectation does not hold. */
export interface Outcome {
  name: string
  status: 'pass' | 'fail' | 'error' | 'skip'
  detail: string
  ms: number
}

/** A scenario run. */
export interface ScenarioResult {
  name: string
  file: string
  passed: boolean
  startedAt: Date
  ms: number
  setup: Outcome
  steps: Outcome[]
  expectations: Outcome[]
}

const DEFAULT_WITHIN_MS = 5000
const DEFAULT_WAIT_MS = 10_000

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/** A short name for a step, for reports. */
export function describeStep(step: ScenarioStep): string {
  if ('fire' in step)
    return `fire ${step.fire.type}${step.fire.as ? ` as "${step.fire.as}"` : ''}${step.fire.stream ? ` at "${step.fire.stream}"` : ''}`
  if ('wait' in step) return `wait until ${describeCondition(step.wait)}`
  if ('status' in step) return `stream "${step.status.stream}" → ${step.status.status}`
  if ('rotate_keys' in step) return 'rotate the signing key'
  if ('replay' in step)
    return `replay "${step.replay.set}"${step.replay.claims ? ' with new claims' : ''}`
  if ('set_fault' in step)
    return `faults on ${'stream' in step.set_fault ? `stream "${step.set_fault.stream}"` : `receiver "${step.set_fault.receiver}"`}: ${JSON.stringify(step.set_fault.faults)}`
  return `clear faults on ${'stream' in step.clear_fault ? `stream "${step.clear_fault.stream}"` : `receiver "${step.clear_fault.receiver}"`}`
}

function faultsPath(state: RunState, target: { stream: string } | { receiver: string }): string {
  return 'stream' in target
    ? API_PATHS.streamFaults(streamId(state, target.stream))
    : API_PATHS.receiverFaults(receiverId(state, target.receiver))
}

/** Run one step; returns its detail line or throws. */
async function runStep(state: RunState, step: ScenarioStep, index: number): Promise<string> {
  const { api } = state
  if ('fire' in step) {
    const { as, stream: alias, ...event } = step.fire
    const body = alias === undefined ? event : { ...event, stream_ids: [streamId(state, alias)] }
    const r = await api.json<FireEventResponse>('POST', API_PATHS.events, body)
    state.fired.set(as ?? `step${index + 1}`, r.sets)
    if (r.sets.length === 0)
      throw new ApiError('no stream matched the event (type, subject, status)')
    return `${r.sets.length} SET(s): ${r.sets.map((s) => s.jti).join(', ')}`
  }
  if ('wait' in step) {
    const { timeout, ...condition } = step.wait
    const verdict = await waitFor(
      state,
      condition,
      timeout === undefined ? DEFAULT_WAIT_MS : durationMs(timeout)
    )
    if (!verdict.ok) throw new ApiError(`timed out: ${verdict.detail}`)
    return verdict.detail
  }
  if ('status' in step) {
    const { stream: alias, ...body } = step.status
    await api.json('POST', API_PATHS.streamStatus(streamId(state, alias)), body)
    return step.status.status
  }
  if ('rotate_keys' in step) {
    const r = await api.json<{ kid: string }>('POST', API_PATHS.keysRotate, {
      grace_seconds: 3600,
      ...step.rotate_keys
    })
    return `new key ${r.kid}`
  }
  if ('replay' in step) {
    const sets = firedSets(state, step.replay.set, step.replay.stream)
    const body = step.replay.claims === undefined ? {} : { claims: step.replay.claims }
    for (const s of sets) await api.json('POST', API_PATHS.replay(s.jti), body)
    return `${sets.length} SET(s) replayed`
  }
  if ('set_fault' in step) {
    await api.json('PUT', faultsPath(state, step.set_fault), step.set_fault.faults)
    return 'set'
  }
  await api.raw('DELETE', faultsPath(state, step.clear_fault))
  return 'cleared'
}

async function timed(
  name: string,
  body: () => Promise<Omit<Outcome, 'name' | 'ms'>>
): Promise<Outcome> {
  const start = performance.now()
  let result: Omit<Outcome, 'name' | 'ms'>
  try {
    result = await body()
  } catch (err) {
    result = { status: 'error', detail: message(err) }
  }
  return { name, ...result, ms: performance.now() - start }
}

/** Run `scenario` against the instance behind `api`. */
export async function runScenario(
  api: ApiClient,
  scenario: Scenario,
  file: string
): Promise<ScenarioResult> {
  const startedAt = new Date()
  const start = performance.now()
  const state: RunState = {
    api,
    setup: { clients: new Map(), streams: new Map(), receivers: new Map() },
    fired: new Map()
  }
  const setup = await timed('setup', async () => {
    state.setup = await applySetup(api, scenario.setup)
    return {
      status: 'pass',
      detail: `${state.setup.clients.size - 1} client(s), ${state.setup.streams.size} stream(s), ${state.setup.receivers.size} receiver(s)`
    }
  })
  let broken = setup.status !== 'pass'
  const steps: Outcome[] = []
  for (const [i, step] of scenario.steps.entries()) {
    const name = `step ${i + 1}: ${describeStep(step)}`
    if (broken) {
      steps.push({ name, status: 'skip', detail: 'an earlier part failed', ms: 0 })
      continue
    }
    const outcome = await timed(name, async () => ({
      status: 'pass',
      detail: await runStep(state, step, i)
    }))
    steps.push(outcome)
    if (outcome.status !== 'pass') broken = true
  }
  const expectations: Outcome[] = []
  for (const [i, e] of scenario.expect.entries()) {
    const { name: given, within, ...condition } = e
    const name = `expect ${i + 1}: ${given ?? describeCondition(condition)}`
    if (broken) {
      expectations.push({ name, status: 'skip', detail: 'an earlier part failed', ms: 0 })
      continue
    }
    expectations.push(
      await timed(name, async () => {
        const verdict = await waitFor(
          state,
          condition,
          within === undefined ? DEFAULT_WITHIN_MS : durationMs(within)
        )
        return { status: verdict.ok ? 'pass' : 'fail', detail: verdict.detail }
      })
    )
  }
  const all = [setup, ...steps, ...expectations]
  return {
    name: scenario.name,
    file,
    passed: all.every((o) => o.status === 'pass'),
    startedAt,
    ms: performance.now() - start,
    setup,
    steps,
    expectations
  }
}
