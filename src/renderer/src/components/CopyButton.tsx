import { useState } from 'react'
import { copyText } from './copy'
import controls from './controls.module.css'

interface Props {
  value: string
  /** What is copied, for the accessible name ("Copy metadata URL"). */
  what: string
  testId?: string
}

const SAYS = { idle: 'Copy', copied: 'Copied', failed: 'Copy failed' } as const

/** The button's look in each state: light, then filled teal or red for a moment. */
const LOOK = { idle: controls.light, copied: controls.copied, failed: controls.failed } as const

/**
 * A labelled copy button that confirms in place: its text says "Copied" (or "Copy failed") for a
 * moment, and a status region says it to screen readers. No tooltip: the first screen shows
 * several of these, and a tooltip each (a floating element with its own positioning) was a large
 * part of that screen's first render. A plain button drawn as Mantine's `Button size="xs"`, for
 * the same reason (see `controls.module.css`).
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
      <button
        type="button"
        className={`mantine-focus-auto mantine-active ${controls.button} ${LOOK[state]}`}
        onClick={copy}
        aria-label={`Copy ${what}`}
        data-testid={testId}
      >
        {SAYS[state]}
      </button>
      <span role="status" className={controls.hidden}>
        {state === 'idle' ? '' : `${SAYS[state]}: ${what}`}
      </span>
    </>
  )
}
