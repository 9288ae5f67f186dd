import { Button, Tooltip } from '@mantine/core'
import { useState } from 'react'
import { copyText } from './copy'

interface Props {
  value: string
  /** What is copied, for the accessible name ("Copy metadata URL"). */
  what: string
  testId?: string
}

/** A labelled copy button that confirms in place. */
export function CopyButton({ value, what, testId }: Props) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  const copy = () => {
    copyText(value).then(
      () => setState('copied'),
      () => setState('failed')
    )
    setTimeout(() => setState('idle'), 1500)
  }
  return (
    <Tooltip label={state === 'failed' ? 'Copy failed' : 'Copied'} opened={state !== 'idle'}>
      <Button
        size="xs"
        variant={state === 'copied' ? 'filled' : 'light'}
        color={state === 'copied' ? 'teal' : undefined}
        onClick={copy}
        aria-label={`Copy ${what}`}
        data-testid={testId}
      >
        {state === 'copied' ? 'Copied' : 'Copy'}
      </Button>
    </Tooltip>
  )
}
