/**
 * The application menu: the platform's standard menus plus "Open data folder" and
 * "Open in browser".
 * @module
 */
import { Menu, shell, type MenuItemConstructorOptions } from 'electron'

/** Build and install the menu. */
export function installAppMenu(options: {
  dataDir: string
  browserUrl: () => string | undefined
}): void {
  const isMac = process.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open Data Folder', click: () => void shell.openPath(options.dataDir) },
        {
          label: 'Open in Browser',
          click: () => {
            const url = options.browserUrl()
            if (url) void shell.openExternal(url)
          }
        },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' }
      ]
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        {
          label: 'Shared Signals Framework 1.0',
          click: () =>
            void shell.openExternal(
              'https://openid.net/specs/openid-sharedsignals-framework-1_0.html'
            )
        }
      ]
    }
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
