import type User from '#models/user'
import { servicesFor } from '#services/portal/service_catalogue'

/** What every page knows of the signed-in user (shared Inertia prop) */
export function presentCurrentUser(user: User) {
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

export type CurrentUser = ReturnType<typeof presentCurrentUser>
