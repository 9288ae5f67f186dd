/**
 * The preload: only what a browser cannot do, as named functions. The UI works without it.
 * @module
 */
import { contextBridge } from 'electron'

contextBridge.exposeInMainWorld('ssfDesktop', {
  isDesktop: true
})
