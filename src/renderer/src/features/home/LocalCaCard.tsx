import { Anchor, Button, Code, Group, Loader, Stack, Tabs, Text } from '@mantine/core'
import { useEffect, useState } from 'react'
import { API_PATHS } from '../../../../shared/api/paths'
import type { LocalCaInfo } from '../../../../shared/api/tls'
import { call, errorText, parse } from '../../api/client'
import { CopyButton } from '../../components/CopyButton'
import { ErrorText } from '../../components/ErrorText'
import { Snippet } from '../../components/Snippet'
import controls from '../../components/controls.module.css'
import { trustInstructions } from './ca-instructions'

/** The local CA behind `--https`: fingerprint, download, and how to trust it on each platform. */
export function LocalCaCard() {
  const [ca, setCa] = useState<LocalCaInfo>()
  const [error, setError] = useState<string>()
  useEffect(() => {
    let live = true
    call('GET', API_PATHS.tlsCa)
      .then((body) => parse((s) => s.localCaInfoSchema, body, 'local CA'))
      .then(
        (ca) => live && setCa(ca),
        (err: unknown) => live && setError(errorText(err))
      )
    return () => {
      live = false
    }
  }, [])

  const instructions = ca
    ? trustInstructions(ca.path, ca.https_url ?? 'https://localhost:4400')
    : []
  return (
    <section className={controls.card} data-testid="local-ca" aria-labelledby="local-ca-title">
      <h4 className={controls.title4} id="local-ca-title">
        Local HTTPS
      </h4>
      <div className={controls.stack}>
        <ErrorText message={error} testId="local-ca-error" />
        {!ca && !error && <Loader size="sm" aria-label="Loading the local CA" />}
        {ca && (
          <>
            <Text size="sm" data-testid="local-ca-status">
              {ca.https_url ? (
                <>
                  Serving https at{' '}
                  <Anchor href={ca.https_url} c="inherit" underline="always">
                    {ca.https_url}
                  </Anchor>{' '}
                  with a certificate from this local certificate authority.
                </>
              ) : (
                <>
                  HTTPS is off. Start with <Code>ssf-sim serve --https</Code> (or{' '}
                  <Code>--https-port 4443</Code> beside http) to serve{' '}
                  <Code>https://localhost</Code> with a certificate from this CA.
                </>
              )}{' '}
              Trust the CA once; the simulator never installs it anywhere. It may sign only for
              localhost
              {ca.permitted_dns.length > 1 ? `, ${ca.permitted_dns.slice(1).join(', ')}` : ''} and
              loopback addresses, and its key stays in the data folder.
            </Text>
            <Group align="flex-end" wrap="nowrap">
              <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                <Text size="sm" fw={500} id="local-ca-fingerprint-label">
                  SHA-256 fingerprint
                </Text>
                <Code
                  aria-labelledby="local-ca-fingerprint-label"
                  data-testid="local-ca-fingerprint"
                  style={{ wordBreak: 'break-all' }}
                >
                  {ca.fingerprint_sha256}
                </Code>
              </Stack>
              <CopyButton value={ca.fingerprint_sha256} what="CA fingerprint" />
            </Group>
            <Group>
              <Button
                component="a"
                href={API_PATHS.tlsCaPem}
                download="ssf-simulator-ca.pem"
                variant="light"
                data-testid="local-ca-download"
              >
                Download the CA certificate
              </Button>
              <Text size="sm">
                or use it where it is: <Code data-testid="local-ca-path">{ca.path}</Code>
              </Text>
            </Group>
            <Tabs defaultValue="node" keepMounted={false}>
              <Tabs.List aria-label="Trust the CA on">
                {instructions.map((t) => (
                  <Tabs.Tab key={t.id} value={t.id}>
                    {t.label}
                  </Tabs.Tab>
                ))}
              </Tabs.List>
              {instructions.map((t) => (
                <Tabs.Panel key={t.id} value={t.id} pt="sm">
                  <Stack gap="xs">
                    <Text size="sm">{t.note}</Text>
                    <Snippet
                      title={`${t.label}: trust the CA`}
                      code={t.code}
                      testId={`trust-${t.id}`}
                    />
                  </Stack>
                </Tabs.Panel>
              ))}
            </Tabs>
          </>
        )}
      </div>
    </section>
  )
}
