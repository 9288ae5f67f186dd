import { Badge } from '@mantine/core'
import { Suspense, lazy } from 'react'
import { useAppStore } from '../../stores/app-store'

const ActiveFaultsMenu = lazy(async () => ({
  default: (await import('./ActiveFaultsMenu')).ActiveFaultsMenu
}))

/** The badge of the header's fault indicator. */
export function FaultsBadge({ count }: { count: number }) {
  return (
    <Badge color="orange" variant="light">
      ⚠ faults on ({count})
    </Badge>
  )
}

/**
 * In the header of every screen: how many streams and receivers have faults on (the badge at
 * once, its menu when its code is in). Nothing when no fault is on.
 */
export function ActiveFaultsIndicator() {
  const count = useAppStore(
    (s) => Object.keys(s.faults.streams).length + Object.keys(s.faults.receivers).length
  )
  if (count === 0) return null
  return (
    <Suspense fallback={<FaultsBadge count={count} />}>
      <ActiveFaultsMenu />
    </Suspense>
  )
}
