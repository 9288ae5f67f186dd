import { json } from '@codemirror/lang-json'
import { EditorView } from '@codemirror/view'
import CodeMirror from '@uiw/react-codemirror'
import { Input } from '@mantine/core'
import { useMemo } from 'react'
import { useAppStore } from '../../stores/app-store'

interface Props {
  label: string
  value: string
  onChange(value: string): void
  error?: string | undefined
  testId?: string
  /** A read-only view (e.g. the SET preview). */
  readOnly?: boolean
  height?: string
}

/** A labelled CodeMirror JSON editor that follows the app theme. */
export function JsonEditor({
  label,
  value,
  onChange,
  error,
  testId,
  readOnly = false,
  height = '340px'
}: Props) {
  const theme = useAppStore((s) => s.theme)
  // The accessible name belongs on the editable element itself.
  const extensions = useMemo(
    () => [
      json(),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': label })
    ],
    [label]
  )
  return (
    <Input.Wrapper label={label} error={error} data-testid={testId}>
      <div
        style={{
          border: '1px solid var(--mantine-color-default-border)',
          borderRadius: 4,
          overflow: 'hidden'
        }}
      >
        <CodeMirror
          value={value}
          height={height}
          readOnly={readOnly}
          editable={!readOnly}
          theme={theme}
          extensions={extensions}
          onChange={onChange}
          basicSetup={{ foldGutter: false }}
          // Tab must move focus on (keyboard reachability), not indent.
          indentWithTab={false}
        />
      </div>
    </Input.Wrapper>
  )
}
