import { CopyButton } from './CopyButton'
import controls from './controls.module.css'
import classes from './Snippet.module.css'

interface Props {
  title: string
  code: string
  /** What the copy button copies, when it is not what is shown (a secret shown masked). */
  copy?: string
  testId?: string
}

/** A titled, copyable command (plain elements: it is on the first screen). */
export function Snippet({ title, code, copy, testId }: Props) {
  return (
    <div className={classes.snippet}>
      <div className={classes.head}>
        <p className={classes.title}>{title}</p>
        <CopyButton value={copy ?? code} what={title} testId={testId && `${testId}-copy`} />
      </div>
      <pre className={controls.code} data-testid={testId}>
        {code}
      </pre>
    </div>
  )
}
