import { Head, Link, useForm, usePage } from '@inertiajs/react'
import { Alert, Anchor, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core'
import type { ForgotPasswordPageProps } from '#transformers/accounts/forgot_password'
import CaptchaField, { captchaFormData } from '~/components/captcha_field'
import type { SharedProps } from '~/types'

/**
 * A4 « Mot de passe oublié ? »: identifiant, email of the account and the
 * captcha, « Enregistrer ». A temporary password is then mailed; it must be
 * changed at the next sign-in (A2).
 */
export default function ForgotPassword({ captcha, values, confirmation }: ForgotPasswordPageProps) {
  const { errors } = usePage<SharedProps>().props
  const form = useForm({ ...values, ...captchaFormData(captcha) })
  const hasErrors = Object.keys(errors).length > 0

  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    form.post('/mot-de-passe-oublie')
  }

  return (
    <>
      <Head title={hasErrors ? 'Erreur – Mot de passe oublié' : 'Mot de passe oublié'} />
      <Paper withBorder p={{ base: 'md', sm: 'lg' }} maw={520} mx="auto">
        <Title order={1} size="h2" mb="xs">
          Mot de passe oublié ?
        </Title>
        {confirmation ? (
          <Stack>
            <Alert color="green" role="status">
              {confirmation}
            </Alert>
            <Anchor component={Link} href="/connexion" fw={600}>
              Se connecter
            </Anchor>
          </Stack>
        ) : (
          <>
            <Text mb="xs">
              Saisissez votre identifiant et l’adresse email enregistrée pour votre compte : un mot
              de passe temporaire vous sera envoyé par email. Vous devrez le changer à la prochaine
              connexion.
            </Text>
            <Text size="sm" c="dimmed" mb="md">
              Les champs marqués d’un astérisque (*) sont obligatoires.
            </Text>
            {errors.form && (
              <Alert color="red" mb="md" role="alert">
                {errors.form}
              </Alert>
            )}
            <form onSubmit={submit} noValidate aria-label="Mot de passe oublié">
              <Stack>
                <TextInput
                  label="Identifiant"
                  name="login"
                  autoComplete="username"
                  autoCapitalize="none"
                  spellCheck={false}
                  required
                  value={form.data.login}
                  onChange={(event) => form.setData('login', event.currentTarget.value)}
                  error={errors.login}
                  errorProps={{ role: 'alert' }}
                />
                <TextInput
                  label="Adresse email"
                  name="email"
                  type="email"
                  autoComplete="email"
                  required
                  value={form.data.email}
                  onChange={(event) => form.setData('email', event.currentTarget.value)}
                  error={errors.email}
                  errorProps={{ role: 'alert' }}
                />
                <CaptchaField
                  challenge={captcha}
                  value={form.data.captcha}
                  onChange={(value) => form.setData('captcha', value)}
                  onChallenge={(challenge) => form.setData('captchaId', challenge.id)}
                  error={errors.captcha}
                />
                <Button type="submit" loading={form.processing} style={{ alignSelf: 'flex-start' }}>
                  Enregistrer
                </Button>
              </Stack>
            </form>
          </>
        )}
      </Paper>
    </>
  )
}
