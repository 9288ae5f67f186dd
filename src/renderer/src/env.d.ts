/// <reference types="vite/client" />

/**
 * What the optional Electron preload exposes (see src/main/electron/preload.ts). Absent in a
 * browser: every caller checks for it and falls back.
 */
interface SsfDesktopBridge {
  readonly isDesktop: true
  /** Open the data folder in the system file manager. */
  revealDataFolder(): Promise<void>
  /** Put text on the clipboard (works even when the page lacks clipboard permission). */
  copyText(text: string): Promise<void>
  /** Ask for a file; resolves to its text, or undefined when cancelled. */
  openTextFile(title: string): Promise<string | undefined>
}

interface Window {
  ssfDesktop?: SsfDesktopBridge
}
