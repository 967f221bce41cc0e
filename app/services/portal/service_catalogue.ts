import type User from '#models/user'
import type { Role } from '#models/user'
import { STUDIO_ROLES } from '#services/studio/access'

type Service = { key: string; label: string; href: string; description: string }

/**
 * The entries of the "Les services" menu, by role. Later issues add their
 * screens here (administration, caisse back-office, workflow editor).
 */
const CATALOGUE: Array<Service & { roles: Role[] }> = [
  {
    key: 'back_office',
    label: 'Dossiers à traiter',
    href: '/caisse/dossiers',
    description:
      'Préinscriptions et nouvelles conventions en attente de la décision de vos caisses.',
    roles: ['caisse_admin'],
  },
  {
    key: 'administration',
    label: 'Administration',
    href: '/administration',
    description:
      'Modification inscription : informations du partenaire, utilisateurs, adresse et conventions.',
    roles: ['partner_admin'],
  },
  {
    key: 'studio',
    label: 'Atelier',
    href: '/atelier',
    description:
      'Référentiels (régimes, caisses, types) et parcours du portail, modifiés sans code.',
    roles: [...STUDIO_ROLES],
  },
  {
    key: 'password',
    label: 'Changer mon mot de passe',
    href: '/mot-de-passe',
    description: 'Choisir un nouveau mot de passe.',
    roles: ['partner_user', 'partner_admin', 'caisse_admin', 'analyst', 'platform_admin'],
  },
]

export function servicesFor(user: User): Service[] {
  return CATALOGUE.filter((service) => service.roles.includes(user.role)).map(
    ({ roles: _roles, ...service }) => service
  )
}
