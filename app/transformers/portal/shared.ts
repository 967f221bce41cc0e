import type User from '#models/user'
import { servicesFor } from '#services/portal/service_catalogue'

/**
 * The props every page receives (app/middleware/inertia_middleware.ts):
 * the signed-in user, the field errors of a refused form, the flash
 * messages. The layout and the pages read them through usePage().
 */

/** What every page knows of the signed-in user */
export function currentUserProps(user: User) {
  return {
    id: user.id,
    login: user.login,
    fullName: user.fullName,
    role: user.role,
    mustChangePassword: user.mustChangePassword,
    /** A3: the entries of the « Les services » menu */
    services: servicesFor(user).map(({ label, href }) => ({ label, href })),
  }
}

export type CurrentUser = ReturnType<typeof currentUserProps>

export type SharedProps = {
  /** One message per field of a refused form */
  errors: Record<string, string>
  currentUser: CurrentUser | null
}

export function sharedProps(
  user: User | null | undefined,
  errors: Record<string, string>
): SharedProps {
  return { errors, currentUser: user ? currentUserProps(user) : null }
}

/** The confirmation or refusal a redirect carries (page.flash) */
export type Flash = { success?: string; error?: string }

export function flashProps(read: (key: keyof Flash) => unknown): Flash {
  const text = (key: keyof Flash) => {
    const value = read(key)
    return typeof value === 'string' ? value : undefined
  }
  return { success: text('success'), error: text('error') }
}
