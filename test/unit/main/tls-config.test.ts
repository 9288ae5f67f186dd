/** `--https`, `--https-port`, `--extra-ca` and `ssf-sim ca` arguments → options (pure). */
import fc from 'fast-check'
import { describe, expect, it, test } from 'vitest'
import { UsageError, resolveServeOptions } from '../../../src/main/core/config'
import { caRequest } from '../../../src/main/cli/ca'

const resolve = (argv: string[], env: NodeJS.ProcessEnv = {}) =>
  resolveServeOptions(argv, { HOME: '/home/u', ...env }, 'linux')

describe('https flags of serve', () => {
  it('are off by default', () => {
    const o = resolve([])
    expect(o).not.toHaveProperty('https')
    expect(o).not.toHaveProperty('httpsPort')
    expect(o).not.toHaveProperty('extraCa')
  })

  test.each([
    [['--https'], {}, { https: true }],
    [['--https-port', '4443'], {}, { https: true, httpsPort: 4443 }],
    [['--https', '--https-port', '0'], {}, { https: true, httpsPort: 0 }],
    [[], { SSF_SIM_HTTPS: '1' }, { https: true }],
    [[], { SSF_SIM_HTTPS: 'true' }, { https: true }],
    [[], { SSF_SIM_HTTPS_PORT: '8443' }, { https: true, httpsPort: 8443 }],
    [['--extra-ca', '/ca.pem'], {}, { extraCa: '/ca.pem' }],
    [[], { SSF_SIM_EXTRA_CA: '/env.pem' }, { extraCa: '/env.pem' }],
    [['--extra-ca', '/flag.pem'], { SSF_SIM_EXTRA_CA: '/env.pem' }, { extraCa: '/flag.pem' }]
  ])('%j with env %j → %j', (argv, env, want) => {
    expect(resolve(argv, env)).toMatchObject(want)
  })

  it('SSF_SIM_HTTPS=0 leaves https off', () => {
    expect(resolve([], { SSF_SIM_HTTPS: '0' })).not.toHaveProperty('https')
  })

  test.each([
    [['--https-port', 'x'], {}, /--https-port must be a port number/],
    [['--https-port', '70000'], {}, /--https-port must be a port number/],
    [[], { SSF_SIM_HTTPS_PORT: '-1' }, /SSF_SIM_HTTPS_PORT must be a port number/],
    [[], { SSF_SIM_HTTPS: 'maybe' }, /SSF_SIM_HTTPS must be 1\/true or 0\/false/],
    [['--port', '4400', '--https-port', '4400'], {}, /--https-port must differ from --port/],
    [['--extra-ca', ''], {}, /--extra-ca must name a PEM file/],
    [['--https=yes'], {}, /./]
  ])('%j with env %j is a usage error', (argv, env, message) => {
    expect(() => resolve(argv, env)).toThrow(UsageError)
    expect(() => resolve(argv, env)).toThrow(message)
  })

  it('never throws anything but a UsageError for any --https-port value', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        try {
          const o = resolve(['--https-port', raw, '--port', '1'])
          expect(o.httpsPort).toBe(Number(raw))
        } catch (err) {
          expect(err).toBeInstanceOf(UsageError)
        }
      })
    )
  })
})

describe('ssf-sim ca arguments', () => {
  const env = { HOME: '/home/u', XDG_DATA_HOME: '/xdg' }
  it('path and export, with the data folder from the flag, the env or the OS default', () => {
    expect(caRequest(['path'], env, 'linux')).toEqual({
      action: 'path',
      dataDir: '/xdg/ssf-simulator',
      host: '127.0.0.1',
      json: false
    })
    expect(caRequest(['path', '--json', '-d', '/d'], env, 'linux')).toMatchObject({
      dataDir: '/d',
      json: true
    })
    expect(
      caRequest(['export', '--out', 'ca.pem'], { ...env, SSF_SIM_DATA_DIR: '/e' }, 'linux')
    ).toMatchObject({ action: 'export', dataDir: '/e', out: 'ca.pem' })
    expect(caRequest(['--help'], env, 'linux').action).toBe('help')
  })

  test.each([
    [[], /ca needs "path" or "export"/],
    [['install'], /got "install"/],
    [['path', 'extra'], /unexpected argument/],
    [['path', '--out', 'x'], /--out is for "ca export"/],
    [['export', '--bogus'], /bogus/]
  ])('%j is a usage error', (argv, message) => {
    expect(() => caRequest(argv, env, 'linux')).toThrow(UsageError)
    expect(() => caRequest(argv, env, 'linux')).toThrow(message)
  })
})
