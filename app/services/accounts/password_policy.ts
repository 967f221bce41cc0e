import { passwordPolicy, type PasswordPolicy } from '#config/password_policy'

/**
 * A short list of the passwords most often found in leaks; the CNIL 2022
 * preset refuses them whatever their length.
 */
const COMMON_PASSWORDS = new Set([
  '123456789012',
  'azertyuiop12',
  'motdepasse123',
  'motdepasse1234',
  'password1234',
  'qwertyuiop12',
  'azertyuiopqs',
  'soleil123456',
  'bonjour12345',
  'aaaaaaaaaaaa',
])

/**
 * Checks a new password against the configured policy and says, in French,
 * every rule it breaks (an empty list means it is acceptable).
 */
export function passwordProblems(
  password: string,
  policy: PasswordPolicy = passwordPolicy
): string[] {
  const problems: string[] = []
  if (password.length < policy.minLength || password.length > policy.maxLength) {
    problems.push(
      policy.maxLength <= 20
        ? `Le mot de passe doit comporter entre ${policy.minLength} et ${policy.maxLength} caractères.`
        : `Le mot de passe doit comporter au moins ${policy.minLength} caractères.`
    )
  }
  if (policy.lettersAndDigitsOnly && !/^[A-Za-z0-9]*$/.test(password)) {
    problems.push('Le mot de passe ne doit contenir que des lettres sans accent et des chiffres.')
  }
  if (policy.requireDigit && !/[0-9]/.test(password)) {
    problems.push('Le mot de passe doit contenir au moins un chiffre.')
  }
  if (policy.refuseCommon && COMMON_PASSWORDS.has(password.toLowerCase())) {
    problems.push('Ce mot de passe est trop courant : choisissez-en un autre.')
  }
  return problems
}

/** A one-line description of the policy, shown next to the password fields */
export function passwordPolicyHint(policy: PasswordPolicy = passwordPolicy): string {
  return policy.lettersAndDigitsOnly
    ? `Entre ${policy.minLength} et ${policy.maxLength} caractères, lettres sans accent et chiffres, dont au moins un chiffre. Majuscules et minuscules sont distinguées.`
    : `Au moins ${policy.minLength} caractères ; tous les caractères sont permis. Majuscules et minuscules sont distinguées.`
}
