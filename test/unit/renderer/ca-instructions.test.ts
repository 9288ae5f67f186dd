/** The Home screen's "trust the CA" commands: every platform the issue names, with the real path. */
import { describe, expect, it } from 'vitest'
import { trustInstructions } from '../../../src/renderer/src/features/home/ca-instructions'

describe('trustInstructions', () => {
  const path = '/home/u/.local/share/ssf-simulator/tls/ca.pem'
  const list = trustInstructions(path, 'https://localhost:4400')

  it('covers Node, Java, Python, Go, curl, macOS, Windows and Linux', () => {
    expect(list.map((i) => i.id)).toEqual([
      'node',
      'java',
      'python',
      'go',
      'curl',
      'macos',
      'windows',
      'linux'
    ])
  })

  it('names the CA file in every command, quoted', () => {
    for (const i of list) expect(i.code, i.id).toContain(`"${path}"`)
  })

  it('uses the tool each ecosystem reads', () => {
    const code = Object.fromEntries(list.map((i) => [i.id, i.code]))
    expect(code.node).toContain('NODE_EXTRA_CA_CERTS=')
    expect(code.java).toMatch(/^keytool -importcert -cacerts/)
    expect(code.python).toContain('REQUESTS_CA_BUNDLE=')
    expect(code.python).toContain('python -m certifi')
    expect(code.go).toContain('SSL_CERT_FILE=')
    expect(code.curl).toBe(
      `curl --cacert "${path}" https://localhost:4400/.well-known/ssf-configuration`
    )
    expect(code.macos).toMatch(/^security add-trusted-cert/)
    expect(code.windows).toMatch(/^certutil -user -addstore Root/)
    expect(code.linux).toContain('update-ca-certificates')
  })
})
