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
    'accounts/change_password': ExtractProps<(typeof import('../../inertia/pages/accounts/change_password.tsx'))['default']>
    'accounts/forgot_password': ExtractProps<(typeof import('../../inertia/pages/accounts/forgot_password.tsx'))['default']>
    'administration/show': ExtractProps<(typeof import('../../inertia/pages/administration/show.tsx'))['default']>
    'auth/sign_in': ExtractProps<(typeof import('../../inertia/pages/auth/sign_in.tsx'))['default']>
    'back_office/items/index': ExtractProps<(typeof import('../../inertia/pages/back_office/items/index.tsx'))['default']>
    'back_office/items/show': ExtractProps<(typeof import('../../inertia/pages/back_office/items/show.tsx'))['default']>
    'contact/create': ExtractProps<(typeof import('../../inertia/pages/contact/create.tsx'))['default']>
    'errors/status': ExtractProps<(typeof import('../../inertia/pages/errors/status.tsx'))['default']>
    'mailbox/index': ExtractProps<(typeof import('../../inertia/pages/mailbox/index.tsx'))['default']>
    'mailbox/show': ExtractProps<(typeof import('../../inertia/pages/mailbox/show.tsx'))['default']>
    'portal/home': ExtractProps<(typeof import('../../inertia/pages/portal/home.tsx'))['default']>
    'portal/services': ExtractProps<(typeof import('../../inertia/pages/portal/services.tsx'))['default']>
    'studio/comparison': ExtractProps<(typeof import('../../inertia/pages/studio/comparison.tsx'))['default']>
    'studio/draft': ExtractProps<(typeof import('../../inertia/pages/studio/draft.tsx'))['default']>
    'studio/migration': ExtractProps<(typeof import('../../inertia/pages/studio/migration.tsx'))['default']>
    'studio/reference_data': ExtractProps<(typeof import('../../inertia/pages/studio/reference_data.tsx'))['default']>
    'studio/workflows': ExtractProps<(typeof import('../../inertia/pages/studio/workflows.tsx'))['default']>
    'workflow/refused': ExtractProps<(typeof import('../../inertia/pages/workflow/refused.tsx'))['default']>
    'workflow/status': ExtractProps<(typeof import('../../inertia/pages/workflow/status.tsx'))['default']>
    'workflow/step': ExtractProps<(typeof import('../../inertia/pages/workflow/step.tsx'))['default']>
  }
}
