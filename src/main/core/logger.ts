/**
 * A tiny leveled logger writing one line per message to stderr (stdout is kept for the
 * `listening on` line and command output).
 * @module
 */

/** What the core logs through. */
export interface Logger {
  info(message: string): void
  warn(message: string): void
  error(message: string, err?: unknown): void
}

/** Log to stderr; `quiet` keeps only warnings and errors. */
export function createConsoleLogger(quiet = false): Logger {
  const line = (level: string, message: string) =>
    process.stderr.write(`${new Date().toISOString()} ${level} ${message}\n`)
  return {
    info: (m) => {
      if (!quiet) line('info ', m)
    },
    warn: (m) => line('warn ', m),
    error: (m, err) => line('error', err instanceof Error ? `${m}: ${err.stack ?? err.message}` : m)
  }
}

/** A logger that drops everything (tests). */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} }
