/**
 * Main-side handlers of the desktop bridge. Arguments come from the renderer, so they are
 * checked, and only the app's own window may call.
 * @module
 */
import { readFile } from 'node:fs/promises'
import { BrowserWindow, clipboard, dialog, ipcMain, shell, type IpcMainInvokeEvent } from 'electron'
import { BRIDGE_CHANNELS } from './bridge-channels'

/** Largest file the open dialog reads (the UI only imports JSON templates and SETs). */
const MAX_FILE_BYTES = 1024 * 1024

/** Register the handlers; `origin` is the engine's origin the window loads. */
export function registerBridge(dataDir: string, origin: () => string | undefined): void {
  const fromApp = (event: IpcMainInvokeEvent): boolean => {
    const allowed = origin()
    try {
      return allowed !== undefined && new URL(event.senderFrame?.url ?? '').origin === allowed
    } catch {
      return false
    }
  }
  ipcMain.handle(BRIDGE_CHANNELS.revealDataFolder, async (event) => {
    if (!fromApp(event)) return
    await shell.openPath(dataDir)
  })
  ipcMain.handle(BRIDGE_CHANNELS.copyText, (event, text: unknown) => {
    if (!fromApp(event) || typeof text !== 'string') return
    clipboard.writeText(text)
  })
  ipcMain.handle(BRIDGE_CHANNELS.openTextFile, async (event, title: unknown) => {
    if (!fromApp(event)) return undefined
    const win = BrowserWindow.fromWebContents(event.sender)
    const options = {
      title: typeof title === 'string' ? title.slice(0, 200) : 'Open',
      properties: ['openFile' as const],
      filters: [
        { name: 'JSON or JWT', extensions: ['json', 'jwt', 'txt'] },
        { name: 'All files', extensions: ['*'] }
      ]
    }
    const picked = win
      ? await dialog.showOpenDialog(win, options)
      : await dialog.showOpenDialog(options)
    const path = picked.filePaths[0]
    if (picked.canceled || path === undefined) return undefined
    const bytes = await readFile(path)
    if (bytes.length > MAX_FILE_BYTES) throw new Error('the file is larger than 1 MiB')
    return bytes.toString('utf8')
  })
}
