import { Head, useForm, usePage } from '@inertiajs/react'
import { Alert, Button, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core'
import type { SharedProps } from '~/types'

type Props = { login?: string; errors?: Record<string, string> }

/** A1: "Connexion" with identifiant and mot de passe */
export default function SignIn({ login }: Props) {
  const { errors } = usePage<SharedProps>().props
  const form = useForm({ login: login ?? '', password: '' })

  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    form.post('/connexion', { onFinish: () => form.reset('password') })
  }

  return (
    <>
      <Head title="Connexion" />
      <Paper withBorder p="lg" maw={420} mx="auto">
        <Title order={1} size="h2" mb="md">
          Connexion
        </Title>
        {errors.login && (
          <Alert color="red" mb="md" role="alert" id="erreur-connexion">
            {errors.login}
          </Alert>
        )}
        <form onSubmit={submit} noValidate>
          <Stack>
            <TextInput
              label="Identifiant"
              name="login"
              autoComplete="username"
              required
              value={form.data.login}
              onChange={(event) => form.setData('login', event.currentTarget.value)}
              aria-describedby={errors.login ? 'erreur-connexion' : undefined}
              aria-invalid={errors.login ? true : undefined}
              autoFocus
            />
            <PasswordInput
              label="Mot de passe"
              name="password"
              autoComplete="current-password"
              required
              value={form.data.password}
              onChange={(event) => form.setData('password', event.currentTarget.value)}
              error={errors.password}
            />
            <Button type="submit" loading={form.processing}>
              Se connecter
            </Button>
          </Stack>
        </form>
      </Paper>
    </>
  )
}
