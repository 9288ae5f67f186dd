import { Alert, Anchor, Badge, Stack, Table, Text } from '@mantine/core'
import { Link } from 'react-router'
import { paths } from '../../route-paths'
import { clockTime, statusColor } from '../traffic/format'
import { DeliveryState, useTrackedSet } from './DeliveryState'

/**
 * A SET's delivery: its state (live), every attempt with its number, status and time, and the
 * exchanges that carried it (the one shown is marked).
 */
export function DeliveryHistory({
  jti,
  currentExchange
}: {
  jti: string
  currentExchange?: number
}) {
  const tracked = useTrackedSet(jti, '')
  const view = tracked?.view
  if (tracked?.error && !view)
    return (
      <Alert variant="light" color="gray" data-testid="delivery-history-none">
        This SET was not sent by this Transmitter ({tracked.error}). Its exchanges are listed under
        “All exchanges of this SET”.
      </Alert>
    )
  return (
    <Stack gap="xs" data-testid="delivery-history">
      {view && <DeliveryState jti={jti} streamId={view.stream_id} state={view.state} />}
      {view && view.history.length > 0 && (
        <Table fz="sm" verticalSpacing={2} aria-label="Delivery attempts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Attempt</Table.Th>
              <Table.Th>When</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Outcome</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {view.history.map((a) => (
              <Table.Tr key={`${a.attempt}-${a.started_at}`} data-testid="delivery-attempt">
                <Table.Td>#{a.attempt}</Table.Td>
                <Table.Td>{clockTime(a.started_at)}</Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={statusColor(a.response_status)}>
                    {a.response_status ?? 'none'}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {a.outcome}
                  {a.error ? `: ${a.error}` : ''}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {view && view.exchanges.length > 0 && (
        <Text size="sm" component="div">
          Exchanges:{' '}
          {view.exchanges.map((x, i) => (
            <span key={x.id}>
              {i > 0 && ', '}
              {x.id === currentExchange ? (
                <b>#{x.id} (this one)</b>
              ) : (
                <Anchor
                  component={Link}
                  to={paths.exchange(x.id)}
                  data-testid="delivery-exchange-link"
                >
                  #{x.id} {x.kind} {x.status ?? ''}
                </Anchor>
              )}
            </span>
          ))}
        </Text>
      )}
    </Stack>
  )
}
