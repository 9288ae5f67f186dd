// Make better-sqlite3's native module match the runtime that is about to load it (Node for tests
// and the CLI, Electron for the desktop app). Tries to load it first; rebuilds only on an ABI
// mismatch, so switching between `npm test` and `npm start` just works.
import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'

const target = process.argv[2] ?? 'node'
const require = createRequire(import.meta.url)

function loadsInNode() {
  try {
    const Database = require('better-sqlite3')
    new Database(':memory:').close()
    return true
  } catch {
    return false
  }
}

if (target === 'node') {
  if (!loadsInNode()) {
    console.error('better-sqlite3 was built for another runtime; rebuilding it for Node…')
    execFileSync('npm', ['rebuild', 'better-sqlite3'], { stdio: 'inherit' })
  }
} else if (target === 'electron') {
  execFileSync('npx', ['electron-builder', 'install-app-deps'], { stdio: 'inherit' })
}
