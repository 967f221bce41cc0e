import { test } from '@japa/runner'
import { PASSWORD_POLICIES } from '#config/password_policy'
import { passwordProblems } from '#services/accounts/password_policy'

test.group('A2 password policy of the manual', () => {
  const policy = PASSWORD_POLICIES.manuel

  test('A2 accepts 8 to 12 letters and digits with a digit', ({ assert }) => {
    for (const password of ['Abcdefg1', 'Soleil2026', 'ABCDEFGHIJ12']) {
      assert.deepEqual(passwordProblems(password, policy), [], password)
    }
  })

  test('A2 refuses a password with {reason}')
    .with([
      { reason: 'too few characters', password: 'Abc1', message: 'entre 8 et 12 caractères' },
      {
        reason: 'too many characters',
        password: 'Abcdefghijk12',
        message: 'entre 8 et 12 caractères',
      },
      { reason: 'no digit', password: 'Abcdefghij', message: 'au moins un chiffre' },
      {
        reason: 'an accent',
        password: 'Éléphant12',
        message: 'lettres sans accent et des chiffres',
      },
      { reason: 'a space', password: 'Mot passe1', message: 'lettres sans accent et des chiffres' },
      {
        reason: 'an apostrophe',
        password: "L'arbre123",
        message: 'lettres sans accent et des chiffres',
      },
    ])
    .run(({ assert }, { password, message }) => {
      const problems = passwordProblems(password, policy)
      assert.isTrue(
        problems.some((problem) => problem.includes(message)),
        `${password}: ${problems.join(' | ')}`
      )
    })
})

test.group('A2 stricter CNIL 2022 preset', () => {
  const policy = PASSWORD_POLICIES.cnil2022

  test('A2 accepts a long passphrase with any characters', ({ assert }) => {
    assert.deepEqual(passwordProblems('Un été à Arras, 2026 !', policy), [])
  })

  test('A2 refuses a short password and a common one', ({ assert }) => {
    assert.match(passwordProblems('Soleil2026', policy)[0], /au moins 12 caractères/)
    assert.match(passwordProblems('azertyuiop12', policy)[0], /trop courant/)
  })
})
