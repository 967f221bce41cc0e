import type User from '#models/user'
import { passwordPolicyHint } from '#services/accounts/password_policy'

/** A2, A6 « Changer mon mot de passe » (inertia/pages/accounts/change_password.tsx) */
export type ChangePasswordPageProps = {
  /** A2: an emailed temporary password must be changed before anything else */
  forced: boolean
  /** The configured policy in one sentence (config/password_policy.ts) */
  policyHint: string
  /** One message per refused field; the passwords themselves are never sent back */
  errors?: Record<string, string>
}

export function changePasswordPageProps(
  user: User,
  errors?: Record<string, string>
): ChangePasswordPageProps {
  return {
    forced: user.mustChangePassword,
    policyHint: passwordPolicyHint(),
    /** Absent on the first visit: the shared (empty) errors apply */
    ...(errors ? { errors } : {}),
  }
}
