import { defineConfig } from '@adonisjs/inertia'

const inertiaConfig = defineConfig({
  /** Edge template rendering the HTML shell of the first visit */
  rootView: 'inertia_layout',
  encryptHistory: false,
  ssr: { enabled: false, entrypoint: 'inertia/ssr.tsx' },
})

export default inertiaConfig
