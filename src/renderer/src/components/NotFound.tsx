import { Alert, Anchor } from '@mantine/core'
import { Link, useLocation } from 'react-router'

/** A URL that names no screen (an old bookmark, a typo): say so and offer the way home. */
export function NotFound() {
  const { pathname } = useLocation()
  return (
    <Alert title="No such screen" color="yellow" data-testid="not-found">
      Nothing lives at <code>#{pathname}</code>.{' '}
      <Anchor component={Link} to="/">
        Go to Home
      </Anchor>
    </Alert>
  )
}
