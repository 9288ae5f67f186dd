import '@mantine/core/styles.css'
import { MantineProvider, createTheme } from '@mantine/core'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { RouterProvider, createHashRouter } from 'react-router'
import { App } from './App'
import { NotFound } from './components/NotFound'
import { SCREEN_ROUTES } from './routes'
import { useAppStore } from './stores/app-store'

const router = createHashRouter([
  {
    path: '/',
    element: <App />,
    children: [...SCREEN_ROUTES, { path: '*', element: <NotFound /> }]
  }
])

const theme = createTheme({ primaryColor: 'indigo', defaultRadius: 'md' })

/** Mantine follows the theme in the prefs slice (the only place it is persisted). */
function Root() {
  const scheme = useAppStore((s) => s.theme)
  return (
    <MantineProvider theme={theme} forceColorScheme={scheme}>
      <RouterProvider router={router} />
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
