import type User from '#models/user'
import type { Role } from '#models/user'

/** Who reaches « Les services » › « Atelier » (FEATURES S) */
export const STUDIO_ROLES: readonly Role[] = ['analyst', 'platform_admin']

export function canUseStudio(user: User): boolean {
  return STUDIO_ROLES.includes(user.role) && user.deletedAt === null
}
