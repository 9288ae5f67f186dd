/**
 * The main window: sandboxed, context-isolated, no Node in the renderer; external links open
 * in the system browser.
 * @module
 */
import { join } from 'node:path'
import { BrowserWindow, shell } from 'electron'

export function createMainWindow(url: string, preloadDir: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'SSF Simulator',
    webPreferences: {
      preload: join(preloadDir, 'index.mjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false
    }
  })
  win.once('ready-to-show', () => win.show())
  win.webContents.setWindowOpenHandler(({ url: target }) => {
    if (/^https?:/.test(target)) void shell.openExternal(target)
    return { action: 'deny' }
  })
  void win.loadURL(url)
  return win
}
