/**
 * The main window: sandboxed, context-isolated, no Node in the renderer, navigation pinned to the
 * engine's origin; external links open in the system browser; size remembered.
 * @module
 */
import { join } from 'node:path'
import { BrowserWindow, shell } from 'electron'
import { loadWindowState, saveWindowState } from './window-state'

/** Open the main window on `url`; `stateDir` keeps its remembered size. */
export function createMainWindow(url: string, preloadDir: string, stateDir: string): BrowserWindow {
  const state = loadWindowState(stateDir)
  const win = new BrowserWindow({
    width: state.width,
    height: state.height,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'SSF Simulator',
    webPreferences: {
      // Sandboxed preloads must be CommonJS (see electron.vite.config.ts).
      preload: join(preloadDir, 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true
    }
  })
  if (state.maximized) win.maximize()
  const origin = new URL(url).origin
  win.once('ready-to-show', () => win.show())
  win.webContents.setWindowOpenHandler(({ url: target }) => {
    if (/^https?:/.test(target)) void shell.openExternal(target)
    return { action: 'deny' }
  })
  win.webContents.on('will-navigate', (event, target) => {
    if (new URL(target).origin !== origin) {
      event.preventDefault()
      if (/^https?:/.test(target)) void shell.openExternal(target)
    }
  })
  win.on('close', () => {
    const b = win.getNormalBounds()
    saveWindowState(stateDir, { ...b, maximized: win.isMaximized() })
  })
  void win.loadURL(url)
  return win
}
