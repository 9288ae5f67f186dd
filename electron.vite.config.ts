import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

const enginePort = process.env.SSF_SIM_PORT ?? '4400'
const proxied = ['/api', '/ssf', '/.well-known', '/receiver']

export default defineConfig({
  main: {
    build: {
      target: 'node20',
      // Bundled into out/main rather than resolved from node_modules at run time: Node 20 has no
      // compile cache, and resolving and loading their ~300 files (zod and jose are ESM) was most
      // of the start to `listening` (docs/performance.md). better-sqlite3 (native), oidc-provider
      // and the X.509 libraries (loaded on first use) stay external.
      externalizeDeps: { exclude: ['zod', 'jose', 'express', 'commander'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          headless: resolve(__dirname, 'src/main/headless.ts')
        },
        external: ['electron', 'better-sqlite3']
      }
    }
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/main/electron/preload.ts') },
        // Sandboxed preloads must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    resolve: {
      // React Router's package exports name only its development build (warnings and checks
      // the first screen pays for at start); the UI ships the production build it also contains.
      alias: [
        {
          find: /^react-router$/,
          replacement: resolve(__dirname, 'node_modules/react-router/dist/production/index.mjs')
        }
      ]
    },
    build: {
      // The UI is served over HTTP to a browser too: ship it minified (electron-vite does not by
      // default), so the first screen parses a small script.
      minify: true,
      // `UI_SOURCEMAP=1 npm run build` maps a CPU profile of the UI to its sources.
      sourcemap: process.env.UI_SOURCEMAP === '1',
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } }
    },
    server: {
      proxy: Object.fromEntries(proxied.map((p) => [p, `http://127.0.0.1:${enginePort}`]))
    },
    // No `modulepreload` of the schema chunks: fetched and compiled beside the entry, they held
    // the load event and competed with it for the CPU; asked for by the session's check, they
    // arrive in time (docs/decisions.md, ui11 session 8).
    plugins: [react()]
  }
})
