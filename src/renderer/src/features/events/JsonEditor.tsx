import { json } from '@codemirror/lang-json'
import { EditorView } from '@codemirror/view'
import CodeMirror, { Prec } from '@uiw/react-codemirror'
import { Input } from '@mantine/core'
import { useMemo } from 'react'
import { useAppStore } from '../../stores/app-store'

/**
 * One Dark on a darker background, so its token colours (coral property names 4.4:1 on #282c34)
 * and the line numbers meet 4.5:1.
 */
const darkContrast = Prec.highest(
  EditorView.theme(
    {
      '&': { backgroundColor: '#1e2127' },
      '.cm-gutters': { backgroundColor: '#1e2127', color: '#abb2bf' }
    },
    { dark: true }
  )
)

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
      // A read-only view is not contenteditable: tabindex keeps it reachable by keyboard.
      EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
      ...(theme === 'dark' ? [darkContrast] : [])
    ],
    [label, theme]
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
