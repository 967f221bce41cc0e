import env from '#start/env'

/**
 * Password rules (A2). "manuel" is the registration manual's policy:
 * 8 to 12 letters and digits, at least one digit. "cnil2022" follows the
 * CNIL's 2022 recommendation for a password alone: 12 characters or more,
 * any characters, the most common passwords refused.
 */
export const PASSWORD_POLICIES = {
  manuel: {
    minLength: 8,
    maxLength: 12,
    lettersAndDigitsOnly: true,
    requireDigit: true,
    refuseCommon: false,
  },
  cnil2022: {
    minLength: 12,
    maxLength: 128,
    lettersAndDigitsOnly: false,
    requireDigit: false,
    refuseCommon: true,
  },
} as const

export type PasswordPolicyName = keyof typeof PASSWORD_POLICIES
export type PasswordPolicy = (typeof PASSWORD_POLICIES)[PasswordPolicyName]

export const passwordPolicyName: PasswordPolicyName = env.get('PASSWORD_POLICY', 'manuel')
export const passwordPolicy: PasswordPolicy = PASSWORD_POLICIES[passwordPolicyName]
