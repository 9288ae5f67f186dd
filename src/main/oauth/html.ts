/**
 * The small server-rendered pages (OAuth administrator consent, subject consent): HTML escaping
 * and one page shell with a strict CSP.
 * @module
 */
import type { Response } from 'express'

/** Escape text for HTML element content and double-quoted attributes. */
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c
  )
}

/** No scripts, no external resources: the pages are plain forms. */
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"

/** Send a 200 HTML page; `body` must already be escaped. */
export function sendPage(res: Response, title: string, body: string): void {
  res
    .status(200)
    .set({
      'Content-Security-Policy': PAGE_CSP,
      'Cache-Control': 'no-store',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer'
    })
    .type('html')
    .send(
      `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}
button{margin-right:.5rem;padding:.4rem 1rem}label{display:block;margin:1rem 0}</style></head>
<body>${body}</body></html>`
    )
}
