import { configApp } from '@adonisjs/eslint-config'
import { react } from '@adonisjs/eslint-config/react'

export default configApp(...react, {
  name: 'PPAS overrides',
  files: ['inertia/**/*.{ts,tsx}'],
  rules: {
    /**
     * These two ask for the Tuyau-typed <Link>/<Form> of @adonisjs/inertia;
     * the portal uses Inertia's own components and useForm instead
     * (docs/decisions/0003-inertia-forms-without-tuyau.md).
     */
    '@adonisjs/prefer-adonisjs-inertia-link': 'off',
    '@adonisjs/prefer-adonisjs-inertia-form': 'off',
  },
})
