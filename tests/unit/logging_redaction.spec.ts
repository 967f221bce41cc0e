import { test } from '@japa/runner'
import loggerConfig from '#config/logger'
import { compileForm } from '#workflow/form_compiler'
import { REDACTED, redactSecrets } from '#logging/redaction'

test.group('Hardening #16 secrets never reach a log line', () => {
  test('A6 the password-change fields are masked at any depth', ({ assert }) => {
    const line = redactSecrets({
      request: {
        body: {
          currentPassword: 'Ancien2026',
          newPassword: 'Nouveau2026',
          confirmation: 'Nouveau2026',
          login: 'Alex7',
        },
      },
      attempts: [{ password: 'Secret2026' }],
    })
    assert.deepEqual(line, {
      request: {
        body: {
          currentPassword: REDACTED,
          newPassword: REDACTED,
          confirmation: REDACTED,
          login: 'Alex7',
        },
      },
      attempts: [{ password: REDACTED }],
    })
  })

  test('W1 a password field a definition declares is masked once its form is compiled', ({
    assert,
  }) => {
    assert.deepEqual(redactSecrets({ codeSecretPartenaire: 'x' }), { codeSecretPartenaire: 'x' })
    compileForm({
      fields: [
        { name: 'codeSecretPartenaire', type: 'password', label: 'Code secret', required: true },
      ],
    } as never)
    assert.deepEqual(redactSecrets({ payload: { codeSecretPartenaire: 'x' } }), {
      payload: { codeSecretPartenaire: REDACTED },
    })
  })

  test('the application logger masks through that formatter', ({ assert }) => {
    const format = loggerConfig.loggers.app.formatters?.log
    assert.isFunction(format)
    assert.deepEqual(format!({ newPassword: 'Nouveau2026' }), { newPassword: REDACTED })
  })
})
