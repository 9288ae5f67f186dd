/**
 * A conformance report as a table grouped by area: pass, warn, fail or skip per line, each line
 * with its spec rule; a line with an exchange expands to show it. JSON and JUnit downloads.
 * @module
 */
import { Badge, Button, Code, Group, Table, Text, UnstyledButton } from '@mantine/core'
import { Fragment, useEffect, useState } from 'react'
import type { ConformanceReport, ReportCheck } from '../../../../shared/api/conformance'
import { countByStatus, groupByArea } from '../../../../shared/conformance/report'
import { errorText } from '../../api/client'
import { conformanceApi, type ReportKind } from './conformance-client'
import { downloadText, reportJUnit, reportJson } from './download'

/** Badge colour of each status. */
export const STATUS_COLOR: Record<ReportCheck['status'], string> = {
  pass: 'teal',
  warn: 'yellow',
  fail: 'red',
  skip: 'gray'
}

function ExchangeView({ kind, ownerId, id }: { kind: ReportKind; ownerId: string; id: number }) {
  const [text, setText] = useState<string | undefined>()
  useEffect(() => {
    let live = true
    conformanceApi.exchange(kind, ownerId, id).then(
      (x) => live && setText(JSON.stringify(x, null, 2)),
      (err: unknown) => live && setText(`could not load exchange ${id}: ${errorText(err)}`)
    )
    return () => {
      live = false
    }
  }, [kind, ownerId, id])
  return (
    <Code
      block
      mah={320}
      style={{ overflow: 'auto', whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
      data-testid="check-exchange"
    >
      {text ?? 'Loading…'}
    </Code>
  )
}

/** The report table (`kind` says where its exchange ids point). */
export function ReportTable({
  report,
  kind,
  ownerId,
  name
}: {
  report: ConformanceReport
  kind: ReportKind
  ownerId: string
  name: string
}) {
  const [open, setOpen] = useState<string | undefined>()
  const counts = countByStatus(report.checks)
  return (
    <>
      <Group justify="space-between" mb="sm">
        <Group gap="xs" data-testid="check-summary">
          {(['pass', 'warn', 'fail', 'skip'] as const).map((s) => (
            <Badge key={s} color={STATUS_COLOR[s]} variant="light">
              {counts[s]} {s}
            </Badge>
          ))}
        </Group>
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            onClick={() => downloadText(`${name}.json`, 'application/json', reportJson(report))}
            data-testid="check-download-json"
          >
            Download JSON
          </Button>
          <Button
            size="xs"
            variant="default"
            onClick={() =>
              downloadText(`${name}.junit.xml`, 'application/xml', reportJUnit(name, report))
            }
            data-testid="check-download-junit"
          >
            Download JUnit
          </Button>
        </Group>
      </Group>
      <Table
        data-testid="check-table"
        aria-label="Conformance report"
        style={{ tableLayout: 'fixed' }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={80}>Result</Table.Th>
            <Table.Th w="45%">Check</Table.Th>
            <Table.Th>Detail</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {groupByArea(report.checks).map(({ area, checks }) => (
            <Fragment key={area}>
              <Table.Tr data-testid="check-area">
                <Table.Th colSpan={3} bg="var(--mantine-color-default-hover)">
                  {area}
                </Table.Th>
              </Table.Tr>
              {checks.map((c) => (
                <Fragment key={c.id}>
                  <Table.Tr data-testid="check-row" data-status={c.status}>
                    <Table.Td>
                      <Badge color={STATUS_COLOR[c.status]} variant="light">
                        {c.status}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {c.exchange_id === undefined ? (
                        c.title
                      ) : (
                        <UnstyledButton
                          onClick={() => setOpen(open === c.id ? undefined : c.id)}
                          aria-expanded={open === c.id}
                          aria-label={`${c.title}: show the exchange`}
                          td="underline"
                          fz="sm"
                        >
                          {c.title}
                        </UnstyledButton>
                      )}
                      <Text size="xs" c="dimmed">
                        {c.id} · {c.rule}
                      </Text>
                    </Table.Td>
                    <Table.Td fz="sm" style={{ overflowWrap: 'anywhere' }}>
                      {c.detail}
                    </Table.Td>
                  </Table.Tr>
                  {open === c.id && c.exchange_id !== undefined && (
                    <Table.Tr>
                      <Table.Td colSpan={3}>
                        <ExchangeView kind={kind} ownerId={ownerId} id={c.exchange_id} />
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              ))}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </>
  )
}
