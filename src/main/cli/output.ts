/**
 * What commands print: JSON with `--json`, otherwise short text and aligned tables.
 * @module
 */

/** Where a command writes; tests capture it. */
export interface CliIo {
  out(text: string): void
  err(text: string): void
  env: NodeJS.ProcessEnv
  cwd: string
}

/** Exit codes, the same for every command. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const

/** A check or an expectation failed: the command already printed why; exit 1. */
export class FailedError extends Error {
  override name = 'FailedError'
}

/** Print `value` as pretty JSON. */
export function printJson(io: CliIo, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`)
}

/** Render rows as a table with a header line; cells are cut at 60 characters. */
export function table<T extends object>(
  rows: readonly T[],
  columns: readonly (keyof T & string)[]
): string {
  const cell = (v: unknown) => {
    const s = v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v)
    return s.length > 60 ? `${s.slice(0, 57)}...` : s
  }
  const cells = [
    columns.map((c) => c.toUpperCase()),
    ...rows.map((r) => columns.map((c) => cell(r[c])))
  ]
  const widths = columns.map((_, i) => Math.max(...cells.map((line) => (line[i] ?? '').length)))
  return cells
    .map((line) =>
      line
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd()
    )
    .join('\n')
    .concat('\n')
}

/** Print JSON with `--json`, else the text `human` makes. */
export function print(
  io: CliIo,
  json: boolean | undefined,
  value: unknown,
  human: () => string
): void {
  if (json) printJson(io, value)
  else io.out(human())
}
