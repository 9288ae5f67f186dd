/**
 * Copy text: through the desktop bridge when present, else the async clipboard API, else a
 * hidden textarea (plain-http origins other than localhost have no clipboard API).
 * @module
 */
export async function copyText(text: string): Promise<void> {
  if (window.ssfDesktop) return window.ssfDesktop.copyText(text)
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text)
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.style.position = 'fixed'
  area.style.opacity = '0'
  document.body.append(area)
  area.select()
  document.execCommand('copy')
  area.remove()
}
