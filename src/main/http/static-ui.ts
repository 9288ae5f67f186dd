/**
 * Serves the built UI (out/renderer) at `/` with an SPA fallback, and turns `/?token=…` into a
 * session cookie (browser mode: the printed URL carries the token once).
 * @module
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import express, { Router } from 'express'
import { UnauthorizedError, issuerPath } from '../../shared/ssf'
import type { CoreContext } from '../core/core-context'
import { SESSION_COOKIE, requireLocalSameOriginHost, safeEqual } from './control-guard'

/** Paths that belong to APIs, never to the SPA fallback. */
const API_PREFIXES = ['/api', '/ssf', '/.well-known', '/receiver']

/** Content-Security-Policy of the UI (Mantine needs inline styles; nothing else is inline). */
export const UI_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

/** Caching of the content-hashed build outputs under `assets/`. */
export const IMMUTABLE = 'public, max-age=31536000, immutable'

const PLACEHOLDER = `<!doctype html><html><head><meta charset="utf-8"><title>SSF Simulator</title></head>
<body><h1>SSF Simulator</h1><p>The engine is running, but the UI has not been built. Run <code>npm run build</code>.</p></body></html>`

export function createStaticUiRouter(ctx: CoreContext): Router {
  const router = Router()
  const uiDir = ctx.options.uiDir
  const index = uiDir ? join(uiDir, 'index.html') : undefined
  const hasUi = index !== undefined && existsSync(index)
  // With an issuer path (`--issuer http://host/sim`) the SSF endpoints live under `/sim/ssf`.
  const base = issuerPath(ctx.issuer)
  const prefixes = base ? [...API_PREFIXES, `${base}/ssf`] : API_PREFIXES
  const isApi = (path: string) => prefixes.some((p) => path === p || path.startsWith(`${p}/`))

  router.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next()
    if (isApi(req.path)) return next()
    requireLocalSameOriginHost(ctx, req)
    res.set({
      'Content-Security-Policy': UI_CSP,
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer'
    })
    const token = req.query.token
    if (typeof token === 'string') {
      if (!safeEqual(token, ctx.adminToken))
        throw new UnauthorizedError('the token in the URL is not the simulator token', true)
      res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/' })
      res.redirect(302, req.path)
      return
    }
    next()
  })
  if (hasUi && uiDir)
    router.use(
      express.static(uiDir, {
        index: false,
        fallthrough: true,
        // `assets/` holds content-hashed file names: a reload or the next visit takes them from
        // the cache (with V8's code cache) without asking. index.html stays `no-cache`.
        setHeaders: (res, path) => {
          if (/[\\/]assets[\\/][^\\/]+-[\w-]{8}\.\w+$/.test(path))
            res.setHeader('Cache-Control', IMMUTABLE)
        }
      })
    )
  router.get(/.*/, (req, res, next) => {
    if (isApi(req.path)) return next()
    res.set('Cache-Control', 'no-cache')
    if (hasUi && index) res.sendFile(index)
    else res.type('html').send(PLACEHOLDER)
  })
  return router
}
