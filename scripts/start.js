// `npm start`: build, then open the desktop app; where there is no Electron binary or no display,
// say so in one line and serve the same UI for the browser instead (the headless engine).
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: 'inherit', ...opts })

function electronBinary() {
  try {
    // The electron package exports the binary's path, and throws when the binary is missing.
    const path = require('electron')
    return typeof path === 'string'
      ? { path }
      : { why: 'the electron package did not give a binary path' }
  } catch {
    return { why: 'the Electron binary is not installed and could not be downloaded' }
  }
}

function hasDisplay() {
  if (process.platform !== 'linux') return true
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY)
}

run('npx', ['electron-vite', 'build'])

let electron = electronBinary()
if (!electron.path) {
  // The binary is fetched on first use rather than at `npm install`, so installs never fail
  // offline (package.json allowScripts skips electron's own download script).
  const fetched = spawnSync(process.execPath, [require.resolve('electron/install.js')], {
    stdio: 'ignore',
    timeout: 300_000
  })
  if (fetched.status === 0) electron = electronBinary()
}
const why = electron.path ? (hasDisplay() ? undefined : 'there is no display') : electron.why
const extra = process.argv.slice(2)

if (why === undefined) {
  const probe = spawnSync(
    electron.path,
    ['-e', "new (require('better-sqlite3'))(':memory:').close()"],
    {
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }
    }
  )
  if (probe.status !== 0) run('npx', ['electron-builder', 'install-app-deps'])
  const child = spawn(electron.path, ['.', ...extra], { stdio: 'inherit' })
  child.on('exit', (code) => process.exit(code ?? 0))
} else {
  console.log(
    `Desktop window unavailable (${why}); serving the same UI in your browser at the URL below.`
  )
  run('node', ['scripts/ensure-native.js', 'node'])
  const child = spawn(process.execPath, ['out/main/headless.js', 'serve', ...extra], {
    stdio: 'inherit'
  })
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
  child.on('exit', (code) => process.exit(code ?? 0))
}
