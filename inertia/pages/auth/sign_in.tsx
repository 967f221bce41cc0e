import { Head, Link, useForm, usePage } from '@inertiajs/react'
import { Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core'
import type { SignInPageProps } from '#transformers/auth/sign_in'
import type { SharedProps } from '~/types'

const ERROR_ID = 'erreur-connexion'

/**
 * A1: "Connexion" with identifiant and mot de passe. A refused sign-in shows
 * one message under the identifiant, announced at once (role="alert") and
 * tied to the field (Mantine sets aria-describedby and aria-invalid); both
 * fields get the error border and the identifiant stays filled.
 * « Mot de passe oublié ? » (A4) sits under the button.
 */
export default function SignIn({ login }: SignInPageProps) {
  const { errors } = usePage<SharedProps>().props
  const form = useForm({ login: login ?? '', password: '' })
  const error = errors.login

  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    form.post('/connexion', { onFinish: () => form.reset('password') })
  }

  return (
    <>
      <Head title={error ? 'Erreur – Connexion' : 'Connexion'} />
      <Paper withBorder p={{ base: 'md', sm: 'lg' }} maw={420} mx="auto">
        <Title order={1} size="h2" mb="xs">
          Connexion
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          Les champs marqués d’un astérisque (*) sont obligatoires.
        </Text>
        <form onSubmit={submit} noValidate aria-label="Connexion">
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
              error={error}
              errorProps={{ id: ERROR_ID, role: 'alert' }}
            />
            <PasswordInput
              label="Mot de passe"
              name="password"
              autoComplete="current-password"
              required
              value={form.data.password}
              onChange={(event) => form.setData('password', event.currentTarget.value)}
              error={errors.password ?? Boolean(error)}
              aria-invalid={error || errors.password ? true : undefined}
              visibilityToggleFocusable
              visibilityToggleButtonProps={{ 'aria-label': 'Afficher le mot de passe' }}
            />
            <Button type="submit" loading={form.processing}>
              Se connecter
            </Button>
            <Anchor component={Link} href="/mot-de-passe-oublie" size="sm">
              Mot de passe oublié ?
            </Anchor>
          </Stack>
        </form>
      </Paper>
    </>
  )
}
