/**
 * The outbound repo's poll turn on a real SQLite file: an acknowledgement of SETs this repo
 * handed out (found by seq) changes exactly what the jti form changes: only the polling
 * stream's outstanding SETs, and SETs handed out before a restart are still acknowledged.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../../src/main/store/sqlite'
import { createOutboundRepo } from '../../../src/main/store/outbound-repo'

const dirs: string[] = []
const dbs: Db[] = []
afterEach(() => {
  for (const db of dbs.splice(0)) db.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function open(dir: string) {
  const db = openDatabase(dir)
  dbs.push(db)
  return createOutboundRepo(db)
}

const set = (jti: string, stream_id: string) => ({
  jti,
  stream_id,
  event_type: 'urn:example:event',
  token: `token-${jti}`,
  claims: '{}',
  state: 'queued' as const
})

describe('poll turn acknowledgement', () => {
  it('acks only the polling stream’s SETs, by seq or by jti', () => {
    const dir = mkdtempSync(join(tmpdir(), 'poll-ack-'))
    dirs.push(dir)
    const repo = open(dir)
    repo.insertMany([set('a1', 'A'), set('a2', 'A'), set('b1', 'B')], 1)
    expect(repo.pollTurn('A', [], [], 10, 2).sets.map((s) => s.jti)).toEqual(['a1', 'a2'])
    expect(repo.pollTurn('B', [], [], 10, 3).sets.map((s) => s.jti)).toEqual(['b1'])
    // A's SET acknowledged on B's poll stays handed out; B's own is acknowledged.
    const turn = repo.pollTurn('B', ['a1', 'b1', 'unknown'], [], 10, 4)
    expect(turn.sets).toEqual([])
    expect(repo.get('a1')?.state).toBe('polled')
    expect(repo.get('b1')?.state).toBe('acked')
    // Acknowledged twice: no change the second time.
    repo.pollTurn('A', ['a1'], [], 0, 5)
    repo.pollTurn('A', ['a1'], [], 0, 6)
    expect(repo.get('a1')).toMatchObject({ state: 'acked', updated_at: 5 })
    // After a restart (a new repo on the same file) the jti form acknowledges a2.
    dbs.pop()?.close()
    const again = open(dir)
    again.pollTurn('A', ['a2'], [], 10, 7)
    expect(again.get('a2')).toMatchObject({ state: 'acked', updated_at: 7 })
    expect(again.depth('A')).toEqual({ waiting: 0, held: 0 })
  })
})
