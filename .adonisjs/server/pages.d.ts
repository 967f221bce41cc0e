import '@adonisjs/inertia/types'

import type React from 'react'
import type { Prettify } from '@adonisjs/core/types/common'

type ExtractProps<T> =
  T extends React.FC<infer Props>
    ? Prettify<Omit<Props, 'children'>>
    : T extends React.Component<infer Props>
      ? Prettify<Omit<Props, 'children'>>
      : never

declare module '@adonisjs/inertia/types' {
  export interface InertiaPages {
    'auth/sign_in': ExtractProps<(typeof import('../../inertia/pages/auth/sign_in.tsx'))['default']>
    'dev/mailbox/index': ExtractProps<(typeof import('../../inertia/pages/dev/mailbox/index.tsx'))['default']>
    'dev/mailbox/show': ExtractProps<(typeof import('../../inertia/pages/dev/mailbox/show.tsx'))['default']>
    'home': ExtractProps<(typeof import('../../inertia/pages/home.tsx'))['default']>
    'services/index': ExtractProps<(typeof import('../../inertia/pages/services/index.tsx'))['default']>
  }
}
