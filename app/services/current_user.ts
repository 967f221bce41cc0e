import type User from '#models/user'

/** What every page knows of the signed-in user (shared Inertia prop) */
export function presentCurrentUser(user: User) {
  return {
    id: user.id,
    login: user.login,
    fullName: user.fullName,
    role: user.role,
    mustChangePassword: user.mustChangePassword,
  }
}

export type CurrentUser = ReturnType<typeof presentCurrentUser>
