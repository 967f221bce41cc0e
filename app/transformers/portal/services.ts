import type User from '#models/user'
import { servicesFor } from '#services/portal/service_catalogue'

/** A3 « Les services » (inertia/pages/portal/services.tsx): one card per service the user may use */
export function servicesPageProps(user: User) {
  return { services: servicesFor(user) }
}

export type ServicesPageProps = ReturnType<typeof servicesPageProps>
