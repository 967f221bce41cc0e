import { randomInt } from 'node:crypto'
import { passwordPolicy, type PasswordPolicy } from '#config/password_policy'
import { passwordProblems } from '#services/accounts/password_policy'

/** No look-alikes (0/O, 1/l/I, 5/S, 2/Z): the password is read in a mail and typed */
const UPPER = 'ABCDEFGHJKMNPQRTUVWXY'
const LOWER = 'abcdefghjkmnpqrtuvwxy'
const DIGITS = '346789'
const ALPHABET = UPPER + LOWER + DIGITS

/** Days an emailed temporary password stays valid */
export const TEMPORARY_PASSWORD_VALIDITY_DAYS = 7

/**
 * A random temporary password that the configured policy accepts: letters
 * and digits only (readable in a mail, accepted by both presets), at least
 * one digit, one capital and one small letter, as long as the policy allows
 * (12 for the manual's policy, 16 otherwise). Drawn with node:crypto.
 */
export function generateTemporaryPassword(policy: PasswordPolicy = passwordPolicy): string {
  const length = Math.max(policy.minLength, Math.min(policy.maxLength, 16))
  for (;;) {
    const characters = [pick(UPPER), pick(LOWER), pick(DIGITS)]
    while (characters.length < length) characters.push(pick(ALPHABET))
    /** Fisher–Yates with a cryptographic source */
    for (let index = characters.length - 1; index > 0; index--) {
      const other = randomInt(index + 1)
      ;[characters[index], characters[other]] = [characters[other], characters[index]]
    }
    const password = characters.join('')
    if (passwordProblems(password, policy).length === 0) return password
  }
}

function pick(alphabet: string) {
  return alphabet[randomInt(alphabet.length)]
}
