/**
 * The IPC channel names of the desktop bridge: the only ones the preload may invoke.
 * @module
 */
export const BRIDGE_CHANNELS = {
  revealDataFolder: 'ssf-desktop:reveal-data-folder',
  copyText: 'ssf-desktop:copy-text',
  openTextFile: 'ssf-desktop:open-text-file'
} as const
