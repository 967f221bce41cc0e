import { AsyncLocalStorage } from 'node:async_hooks'
import { randomInt } from 'node:crypto'
import hash from '@adonisjs/core/services/hash'
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
  const scope = preparedScope.getStore()
  if (scope && !scope.drawn && policy === passwordPolicy) {
    scope.drawn = true
    return scope.prepared.password
  }
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

/** A temporary password drawn and hashed ahead of the transaction that issues it */
export interface PreparedTemporaryPassword {
  password: string
  hash: string
}

const preparedScope = new AsyncLocalStorage<{
  prepared: PreparedTemporaryPassword
  drawn: boolean
}>()

/**
 * Draws a temporary password and hashes it (scrypt, ~0.8 s at the
 * production cost) before any transaction opens: hashing inside one would
 * hold its locks, the record's row on MariaDB and the whole database on
 * SQLite, for that long.
 */
export async function prepareTemporaryPassword(): Promise<PreparedTemporaryPassword> {
  const password = generateTemporaryPassword()
  return { password, hash: await hash.make(password) }
}

/**
 * Runs `callback` with `prepared` in scope: the first temporary password it
 * draws (generateTemporaryPassword) is the prepared one, and storing it
 * takes the prepared hash (preparedHashOf, User's beforeSave) instead of
 * hashing again. Scoped to this call chain only (AsyncLocalStorage).
 */
export function withPreparedTemporaryPassword<T>(
  prepared: PreparedTemporaryPassword,
  callback: () => Promise<T>
): Promise<T> {
  return preparedScope.run({ prepared, drawn: false }, callback)
}

/** The prepared temporary password in scope, if any */
export function preparedTemporaryPassword(): PreparedTemporaryPassword | undefined {
  return preparedScope.getStore()?.prepared
}

/** The prepared hash of `plain` when it is the prepared password in scope */
export function preparedHashOf(plain: string): string | undefined {
  const scope = preparedScope.getStore()
  return scope && scope.prepared.password === plain ? scope.prepared.hash : undefined
}
