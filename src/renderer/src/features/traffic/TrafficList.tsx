import { Text } from '@mantine/core'
import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useEffect, useRef, type KeyboardEvent } from 'react'
import type { TrafficSummary } from '../../../../shared/api/contract'
import { clockTime, pathOf, shortType, statusColor } from './format'
import classes from './TrafficList.module.css'

const ROW_HEIGHT = 34
const COLUMNS = [
  'Time',
  'Dir',
  'Kind',
  'Method',
  'Path',
  'Status',
  'Latency',
  'Stream',
  'Event type',
  'jti'
] as const

/**
 * One exchange, placed at `top` in the list. Cheap on purpose (plain elements, no Mantine
 * components, no wrapper, memoized on its row and place): scrolling mounts a dozen of these per
 * frame, and the rows already on screen are not rendered again.
 */
const Row = memo(function Row({
  row,
  top,
  selected,
  onOpen
}: {
  row: TrafficSummary
  top: number
  selected: boolean
  onOpen(id: number): void
}) {
  const path = pathOf(row.url)
  return (
    <button
      type="button"
      className={`${classes.row} ${classes.item}`}
      style={{ transform: `translateY(${top}px)` }}
      data-selected={selected || undefined}
      role="row"
      aria-selected={selected}
      aria-label={`${row.direction} ${row.kind} ${row.method} ${path} ${row.status ?? 'no answer'}`}
      onClick={() => onOpen(row.id)}
      data-testid="traffic-row"
      data-id={row.id}
    >
      <span role="cell" className={classes.mono}>
        {clockTime(row.at)}
      </span>
      <span role="cell" title={row.direction}>
        {row.direction === 'outbound' ? '↑ out' : '↓ in'}
      </span>
      <span role="cell">{row.kind}</span>
      <span role="cell" className={classes.mono}>
        {row.method}
      </span>
      <span role="cell" className={classes.ellipsis} title={row.url}>
        {path}
      </span>
      <span role="cell">
        <span
          className={classes.status}
          style={{
            color: `var(--mantine-color-${statusColor(row.status)}-light-color)`,
            background: `var(--mantine-color-${statusColor(row.status)}-light)`
          }}
          data-testid="traffic-status"
        >
          {row.status ?? 'error'}
        </span>
      </span>
      <span role="cell" className={classes.num}>
        {row.duration_ms} ms
      </span>
      <span role="cell" className={classes.ellipsis} title={row.stream_id ?? ''}>
        {row.stream_id ?? ''}
      </span>
      <span role="cell" className={classes.ellipsis} title={row.event_type ?? ''}>
        {shortType(row.event_type)}
      </span>
      <span role="cell" className={`${classes.ellipsis} ${classes.mono}`} title={row.jti ?? ''}>
        {row.jti ?? ''}
      </span>
    </button>
  )
})

/**
 * Every exchange of the view, newest first, virtualized (only the rows on screen are in the DOM,
 * so 10,000 rows scroll as smoothly as 10). Arrow keys move the selection; near the end the
 * next page is read.
 */
export function TrafficList({
  rows,
  selectedId,
  onOpen,
  onNearEnd
}: {
  rows: readonly TrafficSummary[]
  selectedId: number | undefined
  onOpen(id: number): void
  onNearEnd(): void
}) {
  const scroller = useRef<HTMLDivElement>(null)
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual is built for this use
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8
  })
  const items = virtualizer.getVirtualItems()
  const last = items[items.length - 1]
  useEffect(() => {
    if (last && last.index >= rows.length - 20) onNearEnd()
  }, [last, rows.length, onNearEnd])

  const move = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return
    const at = rows.findIndex((r) => r.id === selectedId)
    const next = rows[Math.max(0, Math.min(rows.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)))]
    if (!next) return
    e.preventDefault()
    onOpen(next.id)
    virtualizer.scrollToIndex(rows.indexOf(next), { align: 'auto' })
    requestAnimationFrame(() =>
      scroller.current?.querySelector<HTMLElement>(`[data-id="${next.id}"]`)?.focus()
    )
  }

  return (
    <div
      role="table"
      aria-label="Exchanges, newest first"
      aria-rowcount={rows.length}
      className={classes.table}
    >
      <div className={classes.inner}>
        <div role="rowgroup">
          <div role="row" className={`${classes.row} ${classes.head}`}>
            {COLUMNS.map((c) => (
              <span role="columnheader" key={c}>
                {c}
              </span>
            ))}
          </div>
        </div>
        <div
          ref={scroller}
          className={classes.scroller}
          role="rowgroup"
          onKeyDown={move}
          data-testid="traffic-list"
        >
          {rows.length === 0 ? (
            <Text p="md" data-testid="traffic-empty">
              No exchanges match. Fire an event, or point your app at the simulator.
            </Text>
          ) : (
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((item) => {
                const row = rows[item.index]
                if (!row) return null
                return (
                  <Row
                    key={row.id}
                    row={row}
                    top={item.start}
                    selected={row.id === selectedId}
                    onOpen={onOpen}
                  />
                )
              })}
            </div>
          )}
        </div>
      </div>
    </div>
  )
}
