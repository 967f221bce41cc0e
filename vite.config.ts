import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import adonisjs from '@adonisjs/vite/client'

export default defineConfig({
  plugins: [
    react(),
    adonisjs({ entryPoints: ['inertia/app.tsx'], reload: ['resources/views/**/*.edge'] }),
  ],
  resolve: {
    alias: { '~/': `${import.meta.dirname}/inertia/` },
  },
  /**
   * Pre-bundle the heavy client dependencies up front: the dev server used by
   * the test suite would otherwise discover them on the first page and reload it.
   */
  optimizeDeps: {
    include: [
      'react',
      'react-dom',
      'react-dom/client',
      '@inertiajs/react',
      '@mantine/core',
      '@mantine/hooks',
    ],
  },
  server: {
    watch: { ignored: ['**/tmp/**', '**/.tools/**'] },
    /** No hot reload in tests: parallel runs would compete for its port */
    hmr: process.env.NODE_ENV === 'test' ? false : undefined,
  },
})
