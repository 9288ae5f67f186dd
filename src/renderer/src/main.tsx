import '@mantine/core/styles.css'
import { MantineProvider } from '@mantine/core'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { useAppStore } from './stores/app-store'
import { cssVariablesResolver, theme } from './theme'

/** Mantine follows the theme in the prefs slice (the only place it is persisted). */
function Root() {
  const scheme = useAppStore((s) => s.theme)
  return (
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      forceColorScheme={scheme}
    >
      <App />
    </MantineProvider>
  )
}

const root = document.getElementById('root')
if (root)
  createRoot(root).render(
    <StrictMode>
      <Root />
    </StrictMode>
  )
