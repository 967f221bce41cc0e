/**
 * What never reaches a log line: the value of any property named like a
 * secret, at any depth. The names are the hand-written forms' (sign-in,
 * « Changer mon mot de passe ») and, as each workflow form is compiled,
 * every field of a secret type in a definition (app/workflow/form_compiler.ts),
 * so a password field an analyst adds is masked without a code change.
 */
export const REDACTED = '[masqué]'

const secretNames = new Set(
  [
    'password',
    'password_confirmation',
    'currentPassword',
    'newPassword',
    'confirmation',
    'temporaryPassword',
    'captcha',
    'authorization',
    'cookie',
  ].map((name) => name.toLowerCase())
)

/** Adds the names of fields whose values are secret (a definition's password fields) */
export function registerSecretFieldNames(names: Iterable<string>) {
  for (const name of names) secretNames.add(name.toLowerCase())
}

export function isSecretName(name: string) {
  return secretNames.has(name.toLowerCase())
}

/** A copy of `value` with every secret property masked; deep, but bounded */
export function redactSecrets<Value>(value: Value, depth = 0): Value {
  if (depth > 8 || value === null || typeof value !== 'object' || value instanceof Error) {
    return value
  }
  if (Array.isArray(value)) {
    return value.map((item) => redactSecrets(item, depth + 1)) as Value
  }
  const copy: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    copy[key] = isSecretName(key) ? REDACTED : redactSecrets(item, depth + 1)
  }
  return copy as Value
}
