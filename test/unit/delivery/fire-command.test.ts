import { describe, expect, it } from 'vitest'
import { UsageError } from '../../../src/main/core/config'
import { fireRequest } from '../../../src/main/fire-command'

describe('ssf-sim fire flags', () => {
  it('builds the POST /api/events request', () => {
    expect(
      fireRequest(
        [
          '--type',
          'caep.session-revoked',
          '--subject',
          '{"format":"email","email":"a@b.c"}',
          '--claims',
          '{"x":1}',
          '--stream',
          'st_1',
          '--stream',
          'st_2',
          '--txn',
          't'
        ],
        { SSF_SIM_TOKEN: 'tok' }
      )
    ).toEqual({
      url: 'http://127.0.0.1:4400/api/events',
      token: 'tok',
      body: {
        type: 'caep.session-revoked',
        subject: { format: 'email', email: 'a@b.c' },
        claims: { x: 1 },
        stream_ids: ['st_1', 'st_2'],
        txn: 't'
      }
    })
  })

  it.each([
    [['--subject', '{}', '--token', 't']],
    [['--type', 'x', '--token', 't']],
    [['--type', 'x', '--subject', '{}']],
    [['--type', 'x', '--subject', 'nope', '--token', 't']],
    [['--type', 'x', '--subject', '[]', '--token', 't']],
    [['--type', 'x', '--subject', '{}', '--token', 't', '--url', 'not a url']],
    [['--bogus']]
  ])('usage error for %j', (argv) => {
    expect(() => fireRequest(argv, {})).toThrow(UsageError)
  })
})
