/** `ssf-sim serve` flags + environment → core options. */
import { describe, expect, it, test } from 'vitest'
import {
  DEFAULTS,
  UsageError,
  defaultDataDir,
  resolveServeOptions
} from '../../../src/main/core/config'

const HOME = '/home/u'
const resolve = (argv: string[], env: NodeJS.ProcessEnv = {}) =>
  resolveServeOptions(argv, { HOME, ...env }, 'linux')

describe('resolveServeOptions', () => {
  it('defaults', () => {
    const o = resolve([], { XDG_DATA_HOME: '/xdg' })
    expect(o).toEqual({
      host: '127.0.0.1',
      port: 4400,
      dataDir: '/xdg/ssf-simulator',
      signingAlg: 'RS256',
      createMode: 'lenient',
      defaultSubjects: 'ALL',
      minVerificationInterval: 30,
      multipleStreams: true,
      quiet: false,
      help: false
    })
    expect(o).not.toHaveProperty('token')
    expect(o).not.toHaveProperty('issuer')
    expect(DEFAULTS.port).toBe(4400)
  })

  it('reads every flag', () => {
    expect(
      resolve([
        '--port',
        '0',
        '--host',
        '0.0.0.0',
        '--data-dir',
        '/d',
        '--token',
        'tok-12345',
        '--issuer',
        'https://tx.example/t1',
        '--signing-alg',
        'ES256',
        '--create-mode',
        'strict',
        '--default-subjects',
        'NONE',
        '--min-verification-interval',
        '0',
        '--single-stream',
        '--quiet'
      ])
    ).toEqual({
      host: '0.0.0.0',
      port: 0,
      dataDir: '/d',
      token: 'tok-12345',
      issuer: 'https://tx.example/t1',
      signingAlg: 'ES256',
      createMode: 'strict',
      defaultSubjects: 'NONE',
      minVerificationInterval: 0,
      multipleStreams: false,
      quiet: true,
      help: false
    })
  })

  it('short flags', () => {
    expect(resolve(['-p', '5', '-d', '/x', '-t', 'tok-12345', '-q', '-h'])).toMatchObject({
      port: 5,
      dataDir: '/x',
      token: 'tok-12345',
      quiet: true,
      help: true
    })
  })

  it('environment fallbacks', () => {
    expect(
      resolve([], {
        SSF_SIM_PORT: '4500',
        SSF_SIM_HOST: '::1',
        SSF_SIM_DATA_DIR: '/env-dir',
        SSF_SIM_TOKEN: 'env-token-1',
        SSF_SIM_ISSUER: 'http://localhost:4500/sim'
      })
    ).toMatchObject({
      port: 4500,
      host: '::1',
      dataDir: '/env-dir',
      token: 'env-token-1',
      issuer: 'http://localhost:4500/sim'
    })
  })

  it('flags win over the environment (a bad env value is then not even read)', () => {
    expect(
      resolve(['--port', '1', '--data-dir', '/f', '--token', 'flag-token'], {
        SSF_SIM_PORT: 'nope',
        SSF_SIM_DATA_DIR: '/e',
        SSF_SIM_TOKEN: 'env-token-1'
      })
    ).toMatchObject({ port: 1, dataDir: '/f', token: 'flag-token' })
  })

  test.each([
    { argv: ['--port', 'x'], message: '--port must be a port number' },
    { argv: ['--port', '-1'], message: '--port' },
    { argv: ['--port', '65536'], message: '--port must be a port number' },
    { argv: ['--port', '1.5'], message: '--port' },
    { argv: ['--bogus'], message: 'bogus' },
    { argv: ['positional'], message: 'positional' },
    { argv: ['--token', 'short'], message: '--token must be 8-512' },
    { argv: ['--token', 'has space in it'], message: '--token' },
    { argv: ['--issuer', 'nope'], message: '--issuer must be an absolute URL' },
    { argv: ['--issuer', 'ftp://x.example'], message: '--issuer must be an http(s) URL' },
    { argv: ['--issuer', 'https://x.example/#f'], message: 'query or fragment' },
    { argv: ['--signing-alg', 'HS256'], message: '--signing-alg must be one of RS256, ES256' },
    { argv: ['--create-mode', 'loose'], message: '--create-mode' },
    { argv: ['--default-subjects', 'all'], message: '--default-subjects' },
    { argv: ['--min-verification-interval', '-5'], message: '--min-verification-interval' },
    { argv: ['--min-verification-interval', '2.5'], message: '--min-verification-interval' }
  ])('$argv → UsageError ($message)', ({ argv, message }) => {
    let error: unknown
    try {
      resolve(argv)
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(UsageError)
    expect(String((error as Error).message)).toContain(message)
  })

  it('SSF_SIM_PORT is named in its error', () => {
    expect(() => resolve([], { SSF_SIM_PORT: 'abc' })).toThrow(/SSF_SIM_PORT/)
  })
})

describe('defaultDataDir', () => {
  test.each([
    { platform: 'linux' as const, env: {}, dir: '/home/u/.local/share/ssf-simulator' },
    { platform: 'linux' as const, env: { XDG_DATA_HOME: '/xdg' }, dir: '/xdg/ssf-simulator' },
    {
      platform: 'darwin' as const,
      env: {},
      dir: '/home/u/Library/Application Support/ssf-simulator'
    }
  ])('$platform $env → $dir', ({ platform, env, dir }) => {
    expect(defaultDataDir(platform, env, HOME)).toBe(dir)
  })

  it('win32 uses APPDATA', () => {
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, HOME)).toContain(
      'ssf-simulator'
    )
  })
})
