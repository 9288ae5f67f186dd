/**
 * How to trust the local CA, per runtime and platform: copy-paste commands built around the CA
 * file's path. Pure; the README lists the same commands with `$(ssf-sim ca path)`.
 * @module
 */

/** One platform's instructions. */
export interface TrustInstruction {
  id: string
  label: string
  /** One sentence on what the commands do and what they change. */
  note: string
  code: string
}

/** The instructions for a CA file at `caPath`, tested against `httpsUrl`. */
export function trustInstructions(caPath: string, httpsUrl: string): TrustInstruction[] {
  const q = `"${caPath}"`
  const metadata = `${httpsUrl}/.well-known/ssf-configuration`
  return [
    {
      id: 'node',
      label: 'Node.js',
      note: 'Node adds these certificates to its built-in roots for the whole process.',
      code: `export NODE_EXTRA_CA_CERTS=${q}\nnode your-app.js`
    },
    {
      id: 'java',
      label: 'Java',
      note: "Adds the CA to the JDK's cacerts (Java 9+; default store password changeit). Remove it with keytool -delete -cacerts -alias ssf-simulator-ca.",
      code: `keytool -importcert -cacerts -noprompt -alias ssf-simulator-ca -storepass changeit -file ${q}`
    },
    {
      id: 'python',
      label: 'Python',
      note: "requests and httpx read a bundle file; this one is certifi's roots plus the local CA.",
      code:
        `cat "$(python -m certifi)" ${q} > ssf-bundle.pem\n` +
        `export REQUESTS_CA_BUNDLE="$PWD/ssf-bundle.pem"  # requests\n` +
        `export SSL_CERT_FILE="$PWD/ssf-bundle.pem"       # httpx, urllib`
    },
    {
      id: 'go',
      label: 'Go',
      note: 'On Linux, SSL_CERT_FILE replaces the system roots, so the bundle keeps them (on macOS and Windows Go uses the OS store: see those tabs).',
      code:
        `cat /etc/ssl/certs/ca-certificates.crt ${q} > ssf-bundle.pem\n` +
        `export SSL_CERT_FILE="$PWD/ssf-bundle.pem"\ngo run .`
    },
    {
      id: 'curl',
      label: 'curl',
      note: 'Trust the CA for one command.',
      code: `curl --cacert ${q} ${metadata}`
    },
    {
      id: 'macos',
      label: 'macOS',
      note: 'Trusts the CA in your login keychain (Safari, Chrome, Go, curl with SecureTransport); macOS asks for your password. Undo with security remove-trusted-cert.',
      code: `security add-trusted-cert -r trustRoot -k ~/Library/Keychains/login.keychain-db ${q}`
    },
    {
      id: 'windows',
      label: 'Windows',
      note: "Adds the CA to the current user's Trusted Root store (Edge, Chrome, .NET, Go); Windows asks to confirm. Undo in certmgr.msc.",
      code: `certutil -user -addstore Root ${q}`
    },
    {
      id: 'linux',
      label: 'Linux',
      note: 'System store (Debian/Ubuntu; on Fedora copy to /etc/pki/ca-trust/source/anchors/ and run update-ca-trust), then the NSS store that Chrome and Firefox read.',
      code:
        `sudo cp ${q} /usr/local/share/ca-certificates/ssf-simulator-ca.crt\n` +
        `sudo update-ca-certificates\n` +
        `certutil -d sql:$HOME/.pki/nssdb -A -t C,, -n ssf-simulator-ca -i ${q}`
    }
  ]
}
