import '@mantine/core/styles.css'
import './css/app.css'
import type { ReactElement } from 'react'
import { createRoot } from 'react-dom/client'
import { createInertiaApp, type ResolvedComponent } from '@inertiajs/react'
import { resolvePageComponent } from '@adonisjs/inertia/helpers'
import { MantineProvider } from '@mantine/core'
import PortalLayout from '~/layouts/portal_layout'
import { theme } from '~/theme'

const appName = 'Portail Partenaires Action Sociale'

createInertiaApp({
  title: (title) => (title ? `${title} – ${appName}` : appName),
  resolve: (name) =>
    resolvePageComponent<ResolvedComponent>(
      `./pages/${name}.tsx`,
      import.meta.glob<ResolvedComponent>('./pages/**/*.tsx'),
      (page: ReactElement) => <PortalLayout>{page}</PortalLayout>
    ),
  setup({ el, App, props }) {
    createRoot(el).render(
      <MantineProvider theme={theme}>
        <App {...props} />
      </MantineProvider>
    )
  },
  progress: { color: '#000091' },
})
