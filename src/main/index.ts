/**
 * The desktop face: the engine in-process plus a BrowserWindow loading its UI over HTTP.
 * @module
 */
import { join } from 'node:path'
import { app } from 'electron'
import { startCore, type RunningCore } from './core/start'
import { createMainWindow } from './electron/window'

let core: RunningCore | undefined

if (!app.requestSingleInstanceLock()) app.quit()

app.whenReady().then(async () => {
  core = await startCore({
    port: Number(process.env.SSF_SIM_PORT ?? 0),
    dataDir: app.getPath('userData'),
    uiDir: join(__dirname, '../renderer')
  })
  createMainWindow(process.env.ELECTRON_RENDERER_URL ?? core.uiUrl, join(__dirname, '../preload'))
})

app.on('window-all-closed', () => {
  void (core?.close() ?? Promise.resolve()).then(() => app.quit())
})
