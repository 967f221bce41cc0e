/** Props every page receives from the server (app/middleware/inertia_middleware.ts) */
export type CurrentUser = {
  id: number
  login: string
  fullName: string
  role: 'partner_user' | 'partner_admin' | 'caisse_admin' | 'analyst' | 'platform_admin'
  mustChangePassword: boolean
  /** A3: the entries of the « Les services » menu */
  services: Array<{ label: string; href: string }>
}

export type SharedProps = {
  errors: Record<string, string>
  currentUser: CurrentUser | null
}

export type Flash = { success?: string; error?: string }
