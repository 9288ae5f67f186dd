/**
 * The desktop face: the engine in-process plus a BrowserWindow loading its UI over HTTP.
 * @module
 */
import { join } from 'node:path'
import { BrowserWindow, app } from 'electron'
import { limitHeapGrowth } from './core/heap'
import { startCore, type RunningCore } from './core/start'
import { registerBridge } from './electron/bridge'
import { installAppMenu } from './electron/menu'
import { createMainWindow } from './electron/window'

limitHeapGrowth()

let core: RunningCore | undefined
let window: BrowserWindow | undefined

const gotLock = app.requestSingleInstanceLock()
if (!gotLock) app.quit()

// A second launch focuses the running app instead of starting another engine on the same data.
app.on('second-instance', () => {
  if (!window) return
  if (window.isMinimized()) window.restore()
  window.focus()
})

const rendererDevUrl = process.env.ELECTRON_RENDERER_URL

async function open(): Promise<void> {
  const dataDir = app.getPath('userData')
  core ??= await startCore({
    port: Number(process.env.SSF_SIM_PORT ?? 0),
    dataDir,
    uiDir: join(__dirname, '../renderer')
  })
  const url = rendererDevUrl ?? core.uiUrl
  window = createMainWindow(url, join(__dirname, '../preload'), dataDir)
  window.on('closed', () => (window = undefined))
}

if (gotLock)
  void app.whenReady().then(async () => {
    const dataDir = app.getPath('userData')
    const origin = () => (rendererDevUrl ? new URL(rendererDevUrl).origin : core?.url)
    registerBridge(dataDir, origin)
    installAppMenu({ dataDir, browserUrl: () => core?.uiUrl })
    await open()
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) void open()
    })
  })

app.on('window-all-closed', () => {
  if (process.platform === 'darwin') return
  void (core?.close() ?? Promise.resolve()).then(() => app.quit())
})

app.on('before-quit', () => {
  void core?.close()
})
