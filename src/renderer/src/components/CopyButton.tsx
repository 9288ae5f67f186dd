import { Button, VisuallyHidden } from '@mantine/core'
import { useState } from 'react'
import { copyText } from './copy'

interface Props {
  value: string
  /** What is copied, for the accessible name ("Copy metadata URL"). */
  what: string
  testId?: string
}

const SAYS = { idle: 'Copy', copied: 'Copied', failed: 'Copy failed' } as const

/**
 * A labelled copy button that confirms in place: its text says "Copied" (or "Copy failed") for a
 * moment, and a status region says it to screen readers. No tooltip: the first screen shows
 * several of these, and a tooltip each (a floating element with its own positioning) was a large
 * part of that screen's first render.
 */
export function CopyButton({ value, what, testId }: Props) {
  const [state, setState] = useState<keyof typeof SAYS>('idle')
  const copy = () => {
    copyText(value).then(
      () => setState('copied'),
      () => setState('failed')
    )
    setTimeout(() => setState('idle'), 1500)
  }
  return (
    <>
      <Button
        size="xs"
        variant={state === 'idle' ? 'light' : 'filled'}
        color={state === 'copied' ? 'teal' : state === 'failed' ? 'red' : undefined}
        onClick={copy}
        aria-label={`Copy ${what}`}
        data-testid={testId}
      >
        {SAYS[state]}
      </Button>
      <VisuallyHidden role="status">
        {state === 'idle' ? '' : `${SAYS[state]}: ${what}`}
      </VisuallyHidden>
    </>
  )
}
