/**
 * The preload: only what a browser cannot do, as named, typed functions (never `ipcRenderer`
 * itself). Declared for the renderer in `src/renderer/src/env.d.ts`; the UI works without it.
 * @module
 */
import { contextBridge, ipcRenderer } from 'electron'
import { BRIDGE_CHANNELS } from './bridge-channels'

contextBridge.exposeInMainWorld('ssfDesktop', {
  isDesktop: true,
  revealDataFolder: (): Promise<void> => ipcRenderer.invoke(BRIDGE_CHANNELS.revealDataFolder),
  copyText: (text: string): Promise<void> =>
    ipcRenderer.invoke(BRIDGE_CHANNELS.copyText, String(text)),
  openTextFile: (title: string): Promise<string | undefined> =>
    ipcRenderer.invoke(BRIDGE_CHANNELS.openTextFile, String(title))
})
